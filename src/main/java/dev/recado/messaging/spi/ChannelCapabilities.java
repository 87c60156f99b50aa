package dev.recado.messaging.spi;

import java.util.Set;

/**
 * What a channel can carry, declared by its factory so acceptance decides without knowing the
 * channel: content kinds ({@code text}, {@code media}, {@code template}, {@code interactive},
 * {@code email}), whether free text needs an open customer-service window (otherwise a template),
 * media kinds, reply buttons, read receipts, the longest text, what a price counts
 * ({@code segment} for SMS, {@code message} elsewhere), and whether the customer can be shown an agent typing.
 *
 * @param destination what {@code to} must resolve to: {@code phone}, {@code email} or a channel identity
 * @param typingIndicator whether {@link ChannelAdapter#typing} shows the customer anything
 */
public record ChannelCapabilities(Set<String> contentKinds, boolean freeTextNeedsWindow, Set<String> mediaKinds,
        int maxButtons, boolean readReceipts, int maxTextLength, String pricingUnit, String destination,
        boolean typingIndicator) {

    public boolean carries(String kind) {
        return contentKinds.contains(kind);
    }
}
