package dev.recado.campaigns.internal;

import dev.recado.contacts.Contact;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A campaign's template with every variant of its channel parsed once, ready for each recipient. */
final class CompiledCampaign {

    private final MessageTemplate template;
    private final String channel;
    private final String fallbackLanguage;
    private final Map<String, CompiledVariant> byLanguage = new HashMap<>();

    CompiledCampaign(MessageTemplate template, String channel, String fallbackLanguage) {
        this.template = template;
        this.channel = channel;
        this.fallbackLanguage = fallbackLanguage;
        template.variants().stream().filter(v -> v.channel().equals(channel))
                .forEach(v -> byLanguage.put(v.language(), CompiledVariant.compile(v)));
    }

    long templateId() {
        return template.id();
    }

    Optional<RenderedContent> render(Contact contact, boolean marketing, RecipientLinks links) {
        return render(contact, marketing, links, Map.of());
    }

    /** {@code links} null leaves links as written; {@code params} fill placeholders over the contact's fields. */
    Optional<RenderedContent> render(Contact contact, boolean marketing, RecipientLinks links, Map<String, String> params) {
        return template.variant(channel, contact.language(), fallbackLanguage)
                .map(v -> RenderedContent.of(byLanguage.get(v.language()), marketing, contact, fallbackLanguage, links,
                        params));
    }
}
