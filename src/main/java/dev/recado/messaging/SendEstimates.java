package dev.recado.messaging;

import java.time.Instant;

/**
 * What acceptance would decide about many recipients, asked before a campaign runs (the console's
 * review): how a channel's message is priced and whether free-form text needs the customer's
 * service window, prices by destination, and the marketing rules at a moment. Each answer comes
 * from the code acceptance runs, so the estimate and the send cannot disagree on the rules.
 */
public interface SendEstimates {

    /**
     * A channel as a campaign would use it. {@code priceChannel} is the price list's channel
     * ({@code whatsapp:service} for free-form WhatsApp; for a provider template, its category as the
     * channel's default sender synced it, marketing while not known; else the channel); {@code prefixDigits}, how many leading
     * digits of a number decide its price there. {@code windowSender}: for free-form content on a
     * channel with a customer service window, the sender (the channel's default) whose windows must be
     * open after {@code windowOpenAfter}; null otherwise, or when the channel has no sender.
     */
    record ChannelTerms(String channel, String priceChannel, int prefixDigits, Long windowSender,
            Instant windowOpenAfter) {
    }

    /** {@code providerTemplate}: the provider template's name (and {@code language}) the message names, null for free-form content. */
    ChannelTerms terms(long workspaceId, String channel, String providerTemplate, String language, Instant at);

    /** As the send path prices: {@code destination} an E.164 number (or its leading digits after +) or an address. */
    PriceQuote quote(long workspaceId, String priceChannel, String destination, int units);

    MarketingOutlook marketing(long workspaceId, Instant at);
}
