package dev.recado.campaigns.internal;

import dev.recado.contacts.Contact;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A campaign's template with every variant of its channel parsed once, ready for each recipient. */
final class CompiledCampaign {

    private final MessageTemplate template;
    private final String channel;
    private final String fallbackLanguage;
    private final Map<String, CompiledVariant> byLanguage = new HashMap<>();
    private final Map<String, CompiledCampaign> otherChannels = new java.util.concurrent.ConcurrentHashMap<>();

    CompiledCampaign(MessageTemplate template, String channel, String fallbackLanguage) {
        this.template = template;
        this.channel = channel;
        this.fallbackLanguage = fallbackLanguage;
        template.variants().stream().filter(v -> v.channel().equals(channel))
                .forEach(v -> byLanguage.put(v.language(), CompiledVariant.compile(v)));
    }

    /**
     * Renders the recipient's content on every channel of a channel order, for its links only: the
     * codes of every channel's URLs (and the unsubscribe link, where one shows it) are drawn into
     * {@code links}, to be stored before the engine renders whichever channel it tries with them.
     */
    void drawLinks(List<String> channels, Contact contact, boolean marketing, RecipientLinks links) {
        for (String ch : channels) {
            CompiledCampaign other = ch.equals(channel) ? this
                    : otherChannels.computeIfAbsent(ch, k -> new CompiledCampaign(template, k, fallbackLanguage));
            try {
                other.render(contact, marketing, links);
            } catch (dev.recado.common.ApiException e) {
                // this channel's text does not render for the contact: acceptance refuses it there
            }
        }
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
