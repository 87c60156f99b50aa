package dev.recado.campaigns.internal;

import dev.recado.campaigns.SegmentManagement.ChannelContent;
import dev.recado.campaigns.SegmentManagement.ChannelEstimate;
import dev.recado.campaigns.SegmentManagement.DestinationEstimate;
import dev.recado.campaigns.SegmentManagement.Estimate;
import dev.recado.messaging.MarketingOutlook;
import dev.recado.messaging.PriceQuote;
import dev.recado.messaging.SendEstimates;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The campaign review's estimate: the audience scanned once, grouped by taking channel, price
 * prefix and zone ({@link AudienceScans}); each group priced at its own destination and checked
 * against quiet hours with the rules acceptance applies ({@link SendEstimates}), and the contacts
 * that may be at the frequency cap read apart and taken out.
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

    Estimate estimate(long workspaceId, SegmentWhere where, String purpose, List<ChannelContent> channels, Instant at) {
        List<String> names = channels.stream().map(ChannelContent::channel).toList();
        List<SendEstimates.ChannelTerms> terms = channels.stream()
                .map(c -> sends.terms(workspaceId, c.channel(), c.providerTemplate(), c.language(), at)).toList();
        FirstChannel.Window window = null;
        int headDigits = 0;
        List<Integer> phoneCodes = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            var t = terms.get(i);
            if (window == null && t.windowSender() != null) {
                window = new FirstChannel.Window(i, t.windowSender(), t.windowOpenAfter());
            }
            if (FirstChannel.byPhone(names.get(i))) {
                headDigits = Math.max(headDigits, t.prefixDigits());
                phoneCodes.add(i);
                phoneCodes.add(FirstChannel.HELD + i);
            }
        }
        FirstChannel first = FirstChannel.of(names, purpose, window);
        MarketingOutlook rules = "marketing".equals(purpose) ? sends.marketing(workspaceId, at) : null;
        Tally tally = new Tally(workspaceId, channels, terms);
        for (var g : scans.groups(workspaceId, where, first, phoneCodes, headDigits, rules != null)) {
            tally.add(g.code(), g.head(), g.count(), rules != null && rules.defers(g.zone()));
        }
        if (rules != null && rules.capMessages() != null) {
            int digits = headDigits;
            scans.capCandidates(workspaceId, where, first, rules.capMessages(), c -> {
                int taker = FirstChannel.taker(c.code());
                if (taker >= 0 && rules.atCap(c.sends())) {
                    String head = c.phone() == null || !FirstChannel.byPhone(names.get(taker)) || digits == 0 ? null
                            : c.phone().substring(1, Math.min(c.phone().length(), digits + 1));
                    tally.cap(taker, head, rules.defers(c.zone()));
                }
            });
        }
        return tally.estimate(window == null ? null : names.get(window.index()));
    }

    /** The counts and costs as groups arrive; a capped recipient is taken back out of its group's channel. */
    private final class Tally {
        private final long workspaceId;
        private final List<ChannelContent> channels;
        private final List<SendEstimates.ChannelTerms> terms;
        private final long[] recipients;
        private final BigDecimal[] costs;
        private final Map<String, PriceQuote> quotes = new HashMap<>();
        private final Map<List<String>, DestinationEstimate> destinations = new LinkedHashMap<>();
        private long unreachable;
        private long outsideWindow;
        private long outsideWindowSkipped;
        private long deferred;
        private long capped;

        Tally(long workspaceId, List<ChannelContent> channels, List<SendEstimates.ChannelTerms> terms) {
            this.workspaceId = workspaceId;
            this.channels = channels;
            this.terms = terms;
            this.recipients = new long[channels.size()];
            this.costs = new BigDecimal[channels.size()];
            java.util.Arrays.fill(costs, BigDecimal.ZERO);
        }

        void add(int code, String head, long n, boolean defers) {
            int taker = FirstChannel.taker(code);
            if (FirstChannel.heldByWindow(code)) {
                outsideWindow += n;
                if (taker < 0) {
                    outsideWindowSkipped += n;
                }
            } else if (taker < 0) {
                unreachable += n;
            }
            if (taker < 0) {
                return;
            }
            count(taker, head, n);
            if (defers) {
                deferred += n;
            }
        }

        void cap(int taker, String head, boolean defers) {
            count(taker, head, -1);
            capped++;
            if (defers) {
                deferred--;
            }
        }

        private void count(int taker, String head, long n) {
            PriceQuote quote = quote(taker, head);
            BigDecimal cost = quote.total().multiply(BigDecimal.valueOf(n));
            recipients[taker] += n;
            costs[taker] = costs[taker].add(cost);
            String channel = channels.get(taker).channel();
            destinations.merge(List.of(channel, quote.prefix()), new DestinationEstimate(channel, quote.prefix(), n, cost),
                    (a, b) -> new DestinationEstimate(channel, a.prefix(), a.recipients() + b.recipients(),
                            a.cost().add(b.cost())));
        }

        private PriceQuote quote(int taker, String head) {
            return quotes.computeIfAbsent(taker + "/" + (head == null ? "" : head), k -> sends.quote(workspaceId,
                    terms.get(taker).priceChannel(), head == null ? "" : head, channels.get(taker).units()));
        }

        Estimate estimate(String windowChannel) {
            Map<String, ChannelEstimate> byChannel = new LinkedHashMap<>();
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < channels.size(); i++) {
                byChannel.put(channels.get(i).channel(), new ChannelEstimate(recipients[i], costs[i].stripTrailingZeros()));
                total = total.add(costs[i]);
            }
            String currency = quotes.values().stream().map(PriceQuote::currency).findFirst().orElse("EUR");
            List<DestinationEstimate> top = destinations.values().stream().filter(d -> d.recipients() > 0)
                    .sorted(Comparator.comparing(DestinationEstimate::cost).reversed()
                            .thenComparing(Comparator.comparingLong(DestinationEstimate::recipients).reversed()))
                    .limit(TOP_DESTINATIONS)
                    .map(d -> new DestinationEstimate(d.channel(), d.prefix(), d.recipients(), d.cost().stripTrailingZeros()))
                    .toList();
            return new Estimate(byChannel, unreachable, total.stripTrailingZeros(), currency, top, windowChannel,
                    outsideWindow, outsideWindowSkipped, deferred, capped);
        }
    }
}
