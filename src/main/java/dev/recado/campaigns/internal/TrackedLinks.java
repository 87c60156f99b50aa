package dev.recado.campaigns.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where campaign links point: {@code recado.links.base-url} ({@code RECADO_LINKS_BASE_URL}), by
 * default the platform's base URL. A short domain of its own saves an SMS characters, maybe a
 * segment: every link costs the base plus {@code /l/} and a ten-character code.
 */
@Component
class TrackedLinks {

    private final String base;

    TrackedLinks(@Value("${recado.links.base-url:${recado.base-url}}") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    String base() {
        return base;
    }

    /**
     * A short link that leads to one of our landing pages carries its code along ({@code ?r=}), so
     * the page knows whose link it was.
     */
    String redirect(String target, String code) {
        if (!target.startsWith(base + "/p/")) {
            return target;
        }
        return target + (target.contains("?") ? "&" : "?") + "r=" + code;
    }

    RecipientLinks forRecipient(long contactId) {
        return new RecipientLinks(base, contactId, java.util.List.of());
    }

    RecipientLinks forRecipient(long contactId, java.util.List<RecipientLinks.Row> existing) {
        return new RecipientLinks(base, contactId, existing);
    }
}
