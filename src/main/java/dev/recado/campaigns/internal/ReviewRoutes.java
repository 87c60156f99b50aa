package dev.recado.campaigns.internal;

import dev.recado.campaigns.SegmentManagement.ChannelContent;
import dev.recado.messaging.SendEstimates;
import dev.recado.messaging.SendEstimates.ChannelTerms;
import dev.recado.messaging.SendEstimates.SenderTerms;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where acceptance would send recipients alike in their {@link AudienceFacts} and leading digits:
 * each channel of the order in turn (for {@code cheapest}, every candidate, the cheapest taking
 * them), through the sender its routing picks for the number (the campaign's {@code from} when it
 * names one), passed over when the channel has no sender, refuses that {@code from}, or its sender
 * would refuse them — free-form text outside the service window, a template it may not send, a number its
 * provider knows it cannot reach. Decided once per group, never per contact.
 */
final class ReviewRoutes {

    static final String OUTSIDE_WINDOW = "outside_customer_service_window";
    static final String TEMPLATE_NOT_APPROVED = "template_not_approved";
    static final String NOT_CAPABLE = "recipient_not_rcs_capable";
    static final String NO_SENDER = "no_sender";

    /** A channel that would refuse the recipients, and why ({@code status}: the template's, for a template refusal). */
    record PassOver(int channel, String code, String status) {
    }

    /**
     * {@code taker}: the channel index taking them (-1: none), at {@code priceChannel}, where one
     * message counts {@code units}; {@code reachUnknown}: the provider has no answer yet on whether it
     * reaches them (it asks at the send); {@code windowPriced}: priced as inside their service window.
     */
    record Route(int taker, String priceChannel, int units, List<PassOver> passedOver, boolean reachUnknown,
            boolean windowPriced) {
    }

    private final long workspaceId;
    private final List<ChannelContent> channels;
    private final List<ChannelTerms> terms;
    private final boolean cheapest;
    private final SendEstimates sends;
    private final AudienceFacts facts;
    private final Map<String, SenderTerms> senders = new HashMap<>();
    private final Map<String, BigDecimal> prices = new HashMap<>();

    ReviewRoutes(long workspaceId, List<ChannelContent> channels, List<ChannelTerms> terms, boolean cheapest,
            SendEstimates sends, AudienceFacts facts) {
        this.workspaceId = workspaceId;
        this.channels = channels;
        this.terms = terms;
        this.cheapest = cheapest;
        this.sends = sends;
        this.facts = facts;
        // every check any sender needs becomes a fact bit before the scan runs
        for (ChannelTerms t : terms) {
            for (SenderTerms s : t.senders()) {
                if (s.freeFormNeedsWindow() || s.windowPriceChannel() != null) {
                    facts.window(s.senderId(), t.windowOpenAfter());
                }
                if (s.reachKey() != null) {
                    facts.reach(s.reachKey(), s.reachKnownAfter(), true);
                    facts.reach(s.reachKey(), s.reachKnownAfter(), false);
                }
            }
        }
    }

    /**
     * {@code smsUnits}: the segments of their SMS text, 0 when not counted (the SMS channel's
     * {@link ChannelContent#units} then): a cheapest order compares SMS at the recipients' own count.
     */
    Route route(long contactFacts, String head, int smsUnits) {
        List<PassOver> passed = new ArrayList<>(0);
        Route best = null;
        BigDecimal bestPrice = null;
        for (int i = 0; i < channels.size(); i++) {
            if (!AudienceFacts.reaches(contactFacts, i)) {
                continue;
            }
            Route taken = take(i, contactFacts, head, units(i, smsUnits), passed);
            if (taken == null) {
                continue;
            }
            if (!cheapest) {
                return taken;
            }
            BigDecimal price = price(taken, head);
            if (bestPrice == null || price.compareTo(bestPrice) < 0) {
                best = taken;
                bestPrice = price;
            }
        }
        return best != null ? new Route(best.taker(), best.priceChannel(), best.units(), passed, best.reachUnknown(),
                best.windowPriced()) : new Route(-1, null, 0, passed, false, false);
    }

    private int units(int channel, int smsUnits) {
        ChannelContent c = channels.get(channel);
        return smsUnits > 0 && c.channel().equals("sms") ? smsUnits : c.units();
    }

    /** Channel {@code i} taking the recipients, or null after adding why its sender refuses them to {@code passed}. */
    private Route take(int i, long contactFacts, String head, int units, List<PassOver> passed) {
        ChannelTerms t = terms.get(i);
        if (t.fromRefused() != null) {
            passed.add(new PassOver(i, t.fromRefused().code(), null));
            return null;
        }
        SenderTerms s = senders.computeIfAbsent(i + "/" + head, k -> sends.senderFor(workspaceId, t, head));
        if (s == null) {
            // acceptance refuses a channel without a sender first, and a route goes on to the next one
            passed.add(new PassOver(i, NO_SENDER, null));
            return null;
        }
        if (s.templateStatus() != null) {
            passed.add(new PassOver(i, TEMPLATE_NOT_APPROVED, s.templateStatus()));
            return null;
        }
        boolean windowOpen = (s.freeFormNeedsWindow() || s.windowPriceChannel() != null)
                && (contactFacts & facts.window(s.senderId(), t.windowOpenAfter())) != 0;
        if (s.freeFormNeedsWindow() && !windowOpen) {
            passed.add(new PassOver(i, OUTSIDE_WINDOW, null));
            return null;
        }
        boolean unknown = false;
        if (s.reachKey() != null) {
            if ((contactFacts & facts.reach(s.reachKey(), s.reachKnownAfter(), false)) != 0) {
                passed.add(new PassOver(i, NOT_CAPABLE, null));
                return null;
            }
            unknown = (contactFacts & facts.reach(s.reachKey(), s.reachKnownAfter(), true)) == 0;
        }
        boolean windowPriced = windowOpen && s.windowPriceChannel() != null;
        return new Route(i, windowPriced ? s.windowPriceChannel() : s.priceChannel(), units, passed, unknown,
                windowPriced);
    }

    private BigDecimal price(Route r, String head) {
        return prices.computeIfAbsent(r.priceChannel() + "/" + head + "/" + r.units(), k -> sends.quote(workspaceId,
                r.priceChannel(), head == null ? "" : head, r.units()).total());
    }
}
