package dev.recado.messaging;

import java.time.Instant;
import java.util.List;

/**
 * What acceptance would decide about many recipients, asked before a campaign runs (the console's
 * review): how a channel's message is priced through each sender that may carry it, what refuses it
 * there (the customer's service window, a template the sender may not send, a number the provider
 * cannot reach), prices by destination, and the marketing rules at a moment. Each answer comes from
 * the code acceptance runs, so the estimate and the send cannot disagree on the rules.
 */
public interface SendEstimates {

    /**
     * One sender of a channel as acceptance would use it for the message. {@code priceChannel} is the
     * price list's channel ({@code whatsapp:service} for free-form WhatsApp; for a provider template,
     * its category as this sender synced it, marketing while not known; else the channel), and
     * {@code windowPriceChannel} the one that applies instead while the contact's service window with
     * this sender is open (a utility template: {@code whatsapp:service}, free), null when the window
     * does not change the price. {@code freeFormNeedsWindow}: free-form content refused outside the
     * window ({@code outside_customer_service_window}). {@code templateStatus}: null when acceptance
     * sends the provider template through this sender, else why it refuses it
     * ({@code template_not_approved}): the provider's status ({@code pending}, {@code rejected}…) or
     * {@code unknown} when the sender's synced list lacks it. {@code reachKey}: for a provider that
     * refuses numbers it learnt it cannot reach (RCS), the key its answers are kept under
     * ({@code rcs_capabilities.agent_id}, trusted when checked after {@code reachKnownAfter}); null
     * when every number is taken.
     */
    record SenderTerms(long senderId, String priceChannel, String windowPriceChannel, boolean freeFormNeedsWindow,
            String templateStatus, String reachKey, Instant reachKnownAfter) {
    }

    /**
     * A channel as a campaign would use it. {@code priceChannel}: its default sender's (the channel
     * itself when it has none). {@code senders}: the default sender first, then the others acceptance
     * may route a number to by its prefix; empty when the channel has no sender (acceptance refuses
     * before any window or price, and the estimate passes the channel's recipients on, as a message's
     * route does).
     * {@code prefixDigits}: how many leading digits of a number decide both its price and its sender
     * there. {@code windowOpenAfter}: a service window counts as open when the customer wrote after it.
     * {@code fromRefused}: acceptance's refusal ({@code sender_not_allowed}, field {@code from}) of
     * every message on this channel that names the {@code from} asked about, null when it takes it.
     */
    record ChannelTerms(String channel, String priceChannel, int prefixDigits, List<SenderTerms> senders,
            Instant windowOpenAfter, Enqueued.Refused fromRefused) {

        public ChannelTerms(String channel, String priceChannel, int prefixDigits, List<SenderTerms> senders,
                Instant windowOpenAfter) {
            this(channel, priceChannel, prefixDigits, senders, windowOpenAfter, null);
        }
    }

    /** {@code providerTemplate}: the provider template's name (and {@code language}) the message names, null for free-form content. */
    default ChannelTerms terms(long workspaceId, String channel, String providerTemplate, String language, Instant at) {
        return terms(workspaceId, channel, providerTemplate, language, at, null);
    }

    /**
     * As above for messages naming {@code from} (a sender id, or a sender name or number the channel's
     * default sender must be approved to show), as acceptance reads it: that one sender carries every
     * destination (no routing by prefix), and a {@code from} it refuses is {@link ChannelTerms#fromRefused}.
     */
    ChannelTerms terms(long workspaceId, String channel, String providerTemplate, String language, Instant at,
            String from);

    /**
     * The sender of {@code terms} that acceptance routes {@code destination} through (an E.164 number,
     * or its first {@code prefixDigits} digits after +; null: the default); null when there is none.
     */
    SenderTerms senderFor(long workspaceId, ChannelTerms terms, String destination);

    /** As the send path prices: {@code destination} an E.164 number (or its leading digits after +) or an address. */
    PriceQuote quote(long workspaceId, String priceChannel, String destination, int units);

    MarketingOutlook marketing(long workspaceId, Instant at);
}
