package dev.recado.campaigns.internal;

import dev.recado.contacts.Contact;
import dev.recado.messaging.Content;
import java.util.List;
import java.util.Map;

/** One recipient's content, rendered from a compiled variant; the preview and the runner share it. */
record RenderedContent(Content content, String text) {

    /**
     * {@code links} makes the content's URLs the recipient's short links and fills
     * {@code {{unsubscribe_url}}}; the footer is added after, so it never counts as a link.
     */
    static RenderedContent of(CompiledVariant variant, boolean marketing, Contact contact, String fallbackLanguage,
            RecipientLinks links) {
        return of(variant, marketing, contact, fallbackLanguage, links, Map.of());
    }

    /** {@code links} null (a single message): URLs stay as written; {@code params} win over the contact's fields. */
    static RenderedContent of(CompiledVariant variant, boolean marketing, Contact contact, String fallbackLanguage,
            RecipientLinks links, Map<String, String> params) {
        Map<String, Object> fields = RecipientFields.of(contact, links);
        fields.putAll(params);
        java.util.function.UnaryOperator<String> rewrite = links == null ? t -> t : links::rewrite;
        TemplateVariant v = variant.source();
        return switch (v.channel()) {
            case "email" -> {
                String text = rewrite.apply(variant.text(fields));
                String subject = variant.subject(fields);
                var email = new Content.Email(subject, rewrite.apply(variant.html(fields)), text, List.of(),
                        marketing && links != null ? links.useUnsubscribe() : null);
                yield new RenderedContent(email, text != null ? text : subject);
            }
            case "whatsapp" -> {
                var ref = new Content.TemplateRef(v.whatsappTemplate(), v.language(),
                        variant.params(fields).stream().map(rewrite).toList());
                yield new RenderedContent(ref, ref.summary());
            }
            default -> {
                String body = rewrite.apply(variant.body(fields));
                if ("sms".equals(v.channel()) && marketing) {
                    body = OptOutFooter.apply(body, contact.language() != null ? contact.language() : fallbackLanguage);
                }
                yield new RenderedContent(new Content.Text(body), body);
            }
        };
    }
}
