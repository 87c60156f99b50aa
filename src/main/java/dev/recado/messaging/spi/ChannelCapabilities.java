package dev.recado.messaging.spi;

import java.util.Set;

/**
 * What a channel can carry, declared by its factory so acceptance decides without knowing the
 * channel: content kinds ({@code text}, {@code media}, {@code template}, {@code interactive},
 * {@code email}), whether free text needs an open customer-service window (otherwise a template),
 * media kinds, reply buttons, read receipts, the longest text, and what a price counts
 * ({@code segment} for SMS, {@code message} elsewhere).
 *
 * @param destination what {@code to} must resolve to: {@code phone}, {@code email} or a channel identity
 */
public record ChannelCapabilities(Set<String> contentKinds, boolean freeTextNeedsWindow, Set<String> mediaKinds,
        int maxButtons, boolean readReceipts, int maxTextLength, String pricingUnit, String destination) {

    public boolean carries(String kind) {
        return contentKinds.contains(kind);
    }
}
