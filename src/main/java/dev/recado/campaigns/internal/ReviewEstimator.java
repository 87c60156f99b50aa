package dev.recado.campaigns.internal;

import dev.recado.campaigns.SegmentManagement.ChannelContent;
import dev.recado.campaigns.SegmentManagement.ChannelEstimate;
import dev.recado.campaigns.SegmentManagement.DestinationEstimate;
import dev.recado.campaigns.SegmentManagement.Estimate;
import dev.recado.campaigns.SegmentManagement.PassedOver;
import dev.recado.messaging.MarketingOutlook;
import dev.recado.messaging.PriceQuote;
import dev.recado.messaging.SendEstimates;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The campaign review's estimate: the audience scanned once, grouped by facts, leading digits and
 * zone ({@link AudienceScans}); each group routed as acceptance would ({@link ReviewRoutes}),
 * priced at its own destination and checked against quiet hours with the rules acceptance applies
 * ({@link SendEstimates}), and the contacts that may be at the frequency cap read apart and taken out.
 */
@Component
class ReviewEstimator {

    /** How many of the dearest destinations the review lists. */
    static final int TOP_DESTINATIONS = 5;

    private final AudienceScans scans;
    private final SendEstimates sends;

    ReviewEstimator(AudienceScans scans, SendEstimates sends) {
        this.scans = scans;
        this.sends = sends;
    }

    Estimate estimate(long workspaceId, SegmentWhere where, String purpose, List<ChannelContent> channels,
            boolean cheapest, Instant at) {
        List<String> names = channels.stream().map(ChannelContent::channel).toList();
        List<SendEstimates.ChannelTerms> terms = channels.stream()
                .map(c -> sends.terms(workspaceId, c.channel(), c.providerTemplate(), c.language(), at)).toList();
        int headDigits = 0;
        for (int i = 0; i < terms.size(); i++) {
            if (FirstChannel.byPhone(names.get(i))) {
                headDigits = Math.max(headDigits, terms.get(i).prefixDigits());
            }
        }
        AudienceFacts facts = new AudienceFacts(names, purpose);
        ReviewRoutes routes = new ReviewRoutes(workspaceId, channels, terms, cheapest, sends, facts);
        MarketingOutlook rules = "marketing".equals(purpose) ? sends.marketing(workspaceId, at) : null;
        Tally tally = new Tally(workspaceId, channels, terms);
        for (var g : scans.groups(workspaceId, where, facts, headDigits, rules != null)) {
            tally.add(routes.route(g.facts(), g.head()), g.head(), g.count(), rules != null && rules.defers(g.zone()));
        }
        if (rules != null && rules.capMessages() != null) {
            int digits = headDigits;
            scans.capCandidates(workspaceId, where, facts, rules.capMessages(), c -> {
                String head = c.phone() == null || digits == 0 ? null
                        : c.phone().substring(1, Math.min(c.phone().length(), digits + 1));
                var route = routes.route(c.facts(), head);
                if (route.taker() >= 0 && rules.atCap(c.sends())) {
                    tally.cap(route, head, rules.defers(c.zone()));
                }
            });
        }
        return tally.estimate();
    }

    /** The counts and costs as groups arrive; a capped recipient is taken back out of its group's channel. */
    private final class Tally {
        private final long workspaceId;
        private final List<ChannelContent> channels;
        private final List<SendEstimates.ChannelTerms> terms;
        private final long[] recipients;
        private final BigDecimal[] costs;
        private final long[] reachUnknown;
        private final Map<String, PriceQuote> quotes = new HashMap<>();
        private final Map<List<String>, DestinationEstimate> destinations = new LinkedHashMap<>();
        private final Map<List<Object>, long[]> passedOver = new LinkedHashMap<>();
        private long unreachable;
        private long outsideWindow;
        private long outsideWindowSkipped;
        private long deferred;
        private long capped;
        private long windowPriced;

        Tally(long workspaceId, List<ChannelContent> channels, List<SendEstimates.ChannelTerms> terms) {
            this.workspaceId = workspaceId;
            this.channels = channels;
            this.terms = terms;
            this.recipients = new long[channels.size()];
            this.costs = new BigDecimal[channels.size()];
            this.reachUnknown = new long[channels.size()];
            Arrays.fill(costs, BigDecimal.ZERO);
        }

        void add(ReviewRoutes.Route route, String head, long n, boolean defers) {
            for (var p : route.passedOver()) {
                if (p.code().equals(ReviewRoutes.OUTSIDE_WINDOW)) {
                    outsideWindow += n;
                    outsideWindowSkipped += route.taker() < 0 ? n : 0;
                } else {
                    long[] counts = passedOver.computeIfAbsent(List.of(p.channel(), p.code(),
                            p.status() == null ? "" : p.status()), k -> new long[2]);
                    counts[0] += n;
                    counts[1] += route.taker() < 0 ? n : 0;
                }
            }
            if (route.taker() < 0) {
                unreachable += route.passedOver().isEmpty() ? n : 0;
                return;
            }
            count(route, head, n);
            if (defers) {
                deferred += n;
            }
        }

        void cap(ReviewRoutes.Route route, String head, boolean defers) {
            count(route, head, -1);
            capped++;
            if (defers) {
                deferred--;
            }
        }

        private void count(ReviewRoutes.Route route, String head, long n) {
            int taker = route.taker();
            PriceQuote quote = quotes.computeIfAbsent(route.priceChannel() + "/" + taker + "/" + (head == null ? "" : head),
                    k -> sends.quote(workspaceId, route.priceChannel(), head == null ? "" : head, channels.get(taker).units()));
            BigDecimal cost = quote.total().multiply(BigDecimal.valueOf(n));
            recipients[taker] += n;
            costs[taker] = costs[taker].add(cost);
            reachUnknown[taker] += route.reachUnknown() ? n : 0;
            windowPriced += route.windowPriced() ? n : 0;
            String channel = channels.get(taker).channel();
            destinations.merge(List.of(channel, quote.prefix()), new DestinationEstimate(channel, quote.prefix(), n, cost),
                    (a, b) -> new DestinationEstimate(channel, a.prefix(), a.recipients() + b.recipients(),
                            a.cost().add(b.cost())));
        }

        Estimate estimate() {
            Map<String, ChannelEstimate> byChannel = new LinkedHashMap<>();
            Map<String, Long> unknown = new LinkedHashMap<>();
            BigDecimal total = BigDecimal.ZERO;
            String windowChannel = null;
            for (int i = 0; i < channels.size(); i++) {
                String channel = channels.get(i).channel();
                byChannel.put(channel, new ChannelEstimate(recipients[i], costs[i].stripTrailingZeros()));
                total = total.add(costs[i]);
                var senders = terms.get(i).senders();
                if (senders.stream().anyMatch(s -> s.reachKey() != null)) {
                    unknown.put(channel, reachUnknown[i]);
                }
                if (windowChannel == null && senders.stream().anyMatch(SendEstimates.SenderTerms::freeFormNeedsWindow)) {
                    windowChannel = channel;
                }
            }
            String currency = quotes.values().stream().map(PriceQuote::currency).findFirst().orElse("EUR");
            List<DestinationEstimate> top = destinations.values().stream().filter(d -> d.recipients() > 0)
                    .sorted(Comparator.comparing(DestinationEstimate::cost).reversed()
                            .thenComparing(Comparator.comparingLong(DestinationEstimate::recipients).reversed()))
                    .limit(TOP_DESTINATIONS)
                    .map(d -> new DestinationEstimate(d.channel(), d.prefix(), d.recipients(), d.cost().stripTrailingZeros()))
                    .toList();
            List<PassedOver> passed = passedOver.entrySet().stream().map(e -> {
                ChannelContent c = channels.get((Integer) e.getKey().get(0));
                String code = (String) e.getKey().get(1);
                boolean template = code.equals(ReviewRoutes.TEMPLATE_NOT_APPROVED);
                return new PassedOver(c.channel(), code, template ? c.providerTemplate() : null,
                        template ? c.language() : null, template ? (String) e.getKey().get(2) : null,
                        e.getValue()[0], e.getValue()[1]);
            }).toList();
            return new Estimate(byChannel, unreachable, total.stripTrailingZeros(), currency, top, windowChannel,
                    outsideWindow, outsideWindowSkipped, deferred, capped, passed, unknown, windowPriced);
        }
    }
}
