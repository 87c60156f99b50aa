package dev.recado.campaigns.internal;

import dev.recado.campaigns.SegmentManagement.ChannelContent;
import dev.recado.campaigns.SegmentManagement.ChannelEstimate;
import dev.recado.campaigns.SegmentManagement.DestinationEstimate;
import dev.recado.campaigns.SegmentManagement.Estimate;
import dev.recado.campaigns.SegmentManagement.PassedOver;
import dev.recado.campaigns.SegmentManagement.SegmentSpread;
import dev.recado.messaging.PriceQuote;
import dev.recado.messaging.SendEstimates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The review's counts and costs as recipients arrive, alike in route, destination and units; a capped
 * recipient is taken back out of its channel.
 */
final class ReviewTally {

    /** How many of the dearest destinations the review lists. */
    static final int TOP_DESTINATIONS = 5;

    private final long workspaceId;
    private final List<ChannelContent> channels;
    private final List<SendEstimates.ChannelTerms> terms;
    private final SendEstimates sends;
    private final SegmentSample sample;
    private final long[] recipients;
    private final BigDecimal[] costs;
    private final long[] reachUnknown;
    /** Per channel, recipients by the units they were priced at (SMS counted on the texts only). */
    private final List<TreeMap<Integer, Long>> unitsTaken;
    private final Map<String, PriceQuote> quotes = new HashMap<>();
    private final Map<List<String>, DestinationEstimate> destinations = new LinkedHashMap<>();
    private final Map<List<Object>, long[]> passedOver = new LinkedHashMap<>();
    private long unreachable;
    private long outsideWindow;
    private long outsideWindowSkipped;
    private long deferred;
    private long capped;
    private long windowPriced;

    /** {@code sample}: the SMS texts' segments, null when they are not counted. */
    ReviewTally(long workspaceId, List<ChannelContent> channels, List<SendEstimates.ChannelTerms> terms,
            SendEstimates sends, SegmentSample sample) {
        this.workspaceId = workspaceId;
        this.channels = channels;
        this.terms = terms;
        this.sends = sends;
        this.sample = sample;
        this.recipients = new long[channels.size()];
        this.costs = new BigDecimal[channels.size()];
        this.reachUnknown = new long[channels.size()];
        this.unitsTaken = channels.stream().map(c -> new TreeMap<Integer, Long>()).toList();
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
        String destination = head == null ? "" : head;
        // one quote per price channel, destination and units, however many groups share them
        PriceQuote quote = quotes.computeIfAbsent(route.priceChannel() + "/" + destination + "/" + route.units(),
                k -> sends.quote(workspaceId, route.priceChannel(), destination, route.units()));
        BigDecimal cost = quote.total().multiply(BigDecimal.valueOf(n));
        recipients[taker] += n;
        costs[taker] = costs[taker].add(cost);
        reachUnknown[taker] += route.reachUnknown() ? n : 0;
        windowPriced += route.windowPriced() ? n : 0;
        unitsTaken.get(taker).merge(route.units(), n, Long::sum);
        String channel = channels.get(taker).channel();
        destinations.merge(List.of(channel, quote.prefix()), new DestinationEstimate(channel, quote.prefix(), n, cost),
                (a, b) -> new DestinationEstimate(channel, a.prefix(), a.recipients() + b.recipients(),
                        a.cost().add(b.cost())));
    }

    Estimate estimate() {
        Map<String, ChannelEstimate> byChannel = new LinkedHashMap<>();
        Map<String, Long> unknown = new LinkedHashMap<>();
        Map<String, SegmentSpread> segments = new LinkedHashMap<>();
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
            if (sample != null && channel.equals("sms")) {
                spread(unitsTaken.get(i)).ifPresent(s -> segments.put(channel, s));
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
                outsideWindow, outsideWindowSkipped, deferred, capped, passed, unknown, windowPriced, segments);
    }

    /** The units its recipients were priced at; empty when it takes nobody. */
    private Optional<SegmentSpread> spread(TreeMap<Integer, Long> byUnits) {
        long n = 0;
        long units = 0;
        Integer min = null;
        Integer max = null;
        for (var e : byUnits.entrySet()) {
            if (e.getValue() > 0) {
                n += e.getValue();
                units += e.getKey() * e.getValue();
                min = min == null ? e.getKey() : min;
                max = e.getKey();
            }
        }
        if (n == 0) {
            return Optional.empty();
        }
        BigDecimal mean = BigDecimal.valueOf(units).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        // 10.00 stripped is 1E+1, which reads as an exponent wherever the figure is written out
        return Optional.of(new SegmentSpread(min, max, mean.scale() < 0 ? mean.setScale(0) : mean, !sample.exact(),
                sample.size()));
    }
}
