package dev.recado.campaigns.internal;

import dev.recado.contacts.Contact;
import dev.recado.messaging.Content;
import java.util.List;
import java.util.Map;

/** One recipient's content, rendered from a compiled variant; the preview and the runner share it. */
record RenderedContent(Content content, String text) {

    static RenderedContent of(CompiledVariant variant, boolean marketing, Contact contact, String fallbackLanguage) {
        Map<String, Object> fields = RecipientFields.of(contact);
        TemplateVariant v = variant.source();
        return switch (v.channel()) {
            case "email" -> {
                String text = variant.text(fields);
                yield new RenderedContent(new Content.Email(variant.subject(fields), variant.html(fields), text, List.of()),
                        text != null ? text : variant.subject(fields));
            }
            case "whatsapp" -> {
                var ref = new Content.TemplateRef(v.whatsappTemplate(), v.language(), variant.params(fields));
                yield new RenderedContent(ref, ref.summary());
            }
            default -> {
                String body = variant.body(fields);
                if ("sms".equals(v.channel()) && marketing) {
                    body = OptOutFooter.apply(body, contact.language() != null ? contact.language() : fallbackLanguage);
                }
                yield new RenderedContent(new Content.Text(body), body);
            }
        };
    }
}
