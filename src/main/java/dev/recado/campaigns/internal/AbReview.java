package dev.recado.campaigns.internal;

import dev.recado.campaigns.SegmentManagement.ChannelEstimate;
import dev.recado.campaigns.SegmentManagement.DestinationEstimate;
import dev.recado.campaigns.SegmentManagement.Estimate;
import dev.recado.campaigns.SegmentManagement.PassedOver;
import dev.recado.campaigns.SegmentManagement.SegmentSpread;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The review of a campaign with an A/B test, from each variant's template priced for the whole
 * audience. The runner sends the test share's contacts their variant (a hash splits them evenly)
 * and the rest the winner, chosen later by clicks or replies; a routine's later occurrences send
 * the winner to everyone. So the campaign's figures are the variants' blended by the share of the
 * audience each will get — expected counts, rounded, since the hash decides who exactly — with
 * the rest at the winner: the one chosen, or until then the variant whose win makes the campaign
 * dearest, so the total is what it may cost at most ({@code assumes}). Each variant's
 * {@code totalIfWinner} gives the range. The dearest destinations are merged from each variant's own.
 */
final class AbReview {

    /** Not decided yet: the rest priced at the variant whose win costs most. */
    static final String DEAREST_WINS = "dearest_variant_wins";
    /** Decided: the rest gets the winner. */
    static final String WINNER = "winner";
    /** A routine's occurrence after the first: everyone gets the winner, with no test share. */
    static final String WINNER_TO_ALL = "winner_to_everyone";

    /** A variant: its template alone for the whole audience, and the campaign's total were it the winner. */
    record Variant(int index, long templateId, Estimate ifSentToAll, BigDecimal totalIfWinner) {
    }

    /**
     * {@code estimate}: the campaign's figures under {@code assumes}, with {@code assumedWinner} taking
     * the rest; {@code testSharePercent} the share tested in this occurrence (0 after a routine's first);
     * {@code winner} the one chosen, null before that; {@code totalMin}/{@code totalMax} over every winner.
     */
    record Result(Estimate estimate, int testSharePercent, Integer winner, String assumes, int assumedWinner,
            BigDecimal totalMin, BigDecimal totalMax, List<Variant> variants) {
    }

    /** A variant's segments on a channel, and how many recipients (weighted) it sends there. */
    private record WeightedSpread(SegmentSpread spread, BigDecimal recipients) {
    }

    private static final MathContext WEIGHTS = MathContext.DECIMAL64;
    /** The price list's precision. */
    private static final int MONEY_SCALE = 6;

    private AbReview() {
    }

    /** {@code estimates}: each variant's template alone, in the test's order; {@code order} the channels as tried. */
    static Result of(AbTest ab, long occurrence, List<Estimate> estimates, List<String> order) {
        int n = estimates.size();
        int share = occurrence > 1 ? 0 : ab.testSharePercent();
        List<Estimate> ifWinner = new ArrayList<>(n);
        for (int w = 0; w < n; w++) {
            ifWinner.add(blend(estimates, weights(n, share, w), order));
        }
        Integer winner = ab.winner();
        String assumes = occurrence > 1 ? WINNER_TO_ALL : winner != null ? WINNER : DEAREST_WINS;
        int assumed = winner != null ? winner : occurrence > 1 ? 0 : dearest(ifWinner);
        List<Variant> variants = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            variants.add(new Variant(v, ab.templateIds().get(v), estimates.get(v), ifWinner.get(v).total()));
        }
        BigDecimal min = ifWinner.stream().map(Estimate::total).min(Comparator.naturalOrder()).orElseThrow();
        BigDecimal max = ifWinner.stream().map(Estimate::total).max(Comparator.naturalOrder()).orElseThrow();
        if (winner != null || occurrence > 1) {
            min = ifWinner.get(assumed).total();
            max = min;
        }
        return new Result(ifWinner.get(assumed), share, winner, assumes, assumed, min, max, variants);
    }

    /** The share of the audience each variant gets when {@code winner} wins: the test split evenly, the rest to it. */
    private static BigDecimal[] weights(int n, int sharePercent, int winner) {
        BigDecimal test = BigDecimal.valueOf(sharePercent).divide(BigDecimal.valueOf(100L * n), WEIGHTS);
        BigDecimal[] w = new BigDecimal[n];
        for (int v = 0; v < n; v++) {
            w[v] = v == winner ? test.add(BigDecimal.valueOf(100 - sharePercent).movePointLeft(2)) : test;
        }
        return w;
    }

    /** The winner whose campaign costs most; a tie goes to the lowest index, as the runner's ties do. */
    private static int dearest(List<Estimate> ifWinner) {
        int best = 0;
        for (int v = 1; v < ifWinner.size(); v++) {
            if (ifWinner.get(v).total().compareTo(ifWinner.get(best).total()) > 0) {
                best = v;
            }
        }
        return best;
    }

    /** The estimates added up, each counted at its weight. */
    static Estimate blend(List<Estimate> estimates, BigDecimal[] weights, List<String> order) {
        Map<String, BigDecimal[]> channels = new LinkedHashMap<>();
        Map<List<String>, BigDecimal[]> destinations = new LinkedHashMap<>();
        Map<List<String>, BigDecimal[]> passed = new LinkedHashMap<>();
        Map<String, BigDecimal> unknown = new LinkedHashMap<>();
        Map<String, List<WeightedSpread>> spreads = new LinkedHashMap<>();
        String windowChannel = null;
        for (int v = 0; v < estimates.size(); v++) {
            Estimate e = estimates.get(v);
            BigDecimal w = weights[v];
            if (w.signum() == 0) {
                continue;
            }
            e.byChannel().forEach((ch, c) -> add(channels, ch, w, c.recipients(), c.cost()));
            e.topDestinations().forEach(d -> add(destinations, List.of(d.channel(), d.prefix()), w, d.recipients(), d.cost()));
            e.passedOver().forEach(p -> add(passed, Arrays.asList(p.channel(), p.code(), p.template(),
                    p.language(), p.status()), w, p.recipients(), BigDecimal.valueOf(p.skipped())));
            e.reachUnknown().forEach((ch, k) -> unknown.merge(ch, w.multiply(BigDecimal.valueOf(k)), BigDecimal::add));
            e.segments().forEach((ch, s) -> spreads.computeIfAbsent(ch, k -> new ArrayList<>())
                    .add(new WeightedSpread(s, w.multiply(BigDecimal.valueOf(e.byChannel().get(ch).recipients())))));
            windowChannel = windowChannel != null ? windowChannel : e.windowChannel();
        }
        Map<String, ChannelEstimate> byChannel = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (String ch : order) {
            BigDecimal[] c = channels.get(ch);
            if (c != null) {
                byChannel.put(ch, new ChannelEstimate(count(c[0]), money(c[1])));
                total = total.add(money(c[1]));
            }
        }
        List<DestinationEstimate> top = destinations.entrySet().stream()
                .map(d -> new DestinationEstimate(d.getKey().get(0), d.getKey().get(1), count(d.getValue()[0]),
                        money(d.getValue()[1])))
                .sorted(Comparator.comparing(DestinationEstimate::cost).reversed()
                        .thenComparing(Comparator.comparingLong(DestinationEstimate::recipients).reversed()))
                .limit(ReviewTally.TOP_DESTINATIONS).toList();
        List<PassedOver> passedOver = passed.entrySet().stream().map(p -> new PassedOver(p.getKey().get(0),
                p.getKey().get(1), p.getKey().get(2), p.getKey().get(3), p.getKey().get(4), count(p.getValue()[0]),
                count(p.getValue()[1]))).toList();
        Map<String, Long> reachUnknown = new LinkedHashMap<>();
        unknown.forEach((ch, k) -> reachUnknown.put(ch, count(k)));
        Map<String, SegmentSpread> segments = new LinkedHashMap<>();
        spreads.forEach((ch, s) -> segments.put(ch, spread(s)));
        return new Estimate(byChannel, sum(estimates, weights, Estimate::unreachable), money(total),
                estimates.get(0).currency(), top, windowChannel, sum(estimates, weights, Estimate::outsideWindow),
                sum(estimates, weights, Estimate::outsideWindowSkipped), sum(estimates, weights, Estimate::deferredQuietHours),
                sum(estimates, weights, Estimate::capped), passedOver, reachUnknown,
                sum(estimates, weights, Estimate::windowPriced), segments);
    }

    private static <K> void add(Map<K, BigDecimal[]> into, K key, BigDecimal weight, long count, BigDecimal amount) {
        BigDecimal[] sums = into.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sums[0] = sums[0].add(weight.multiply(BigDecimal.valueOf(count)));
        sums[1] = sums[1].add(weight.multiply(amount));
    }

    private static long sum(List<Estimate> estimates, BigDecimal[] weights, ToLongFunction<Estimate> field) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int v = 0; v < estimates.size(); v++) {
            sum = sum.add(weights[v].multiply(BigDecimal.valueOf(field.applyAsLong(estimates.get(v)))));
        }
        return count(sum);
    }

    /** The widest span of the variants' segments, their mean weighted by the recipients each sends to. */
    private static SegmentSpread spread(List<WeightedSpread> weighted) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        boolean sampled = false;
        int sampleSize = 0;
        BigDecimal units = BigDecimal.ZERO;
        BigDecimal recipients = BigDecimal.ZERO;
        for (WeightedSpread o : weighted) {
            SegmentSpread s = o.spread();
            BigDecimal n = o.recipients();
            min = Math.min(min, s.min());
            max = Math.max(max, s.max());
            sampled |= s.sampled();
            sampleSize = Math.max(sampleSize, s.sampleSize());
            units = units.add(s.mean().multiply(n));
            recipients = recipients.add(n);
        }
        BigDecimal mean = recipients.signum() == 0 ? BigDecimal.valueOf(min)
                : units.divide(recipients, 2, RoundingMode.HALF_UP).stripTrailingZeros();
        return new SegmentSpread(min, max, plain(mean), sampled, sampleSize);
    }

    private static long count(BigDecimal expected) {
        return expected.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static BigDecimal money(BigDecimal amount) {
        return plain(amount.setScale(MONEY_SCALE, RoundingMode.HALF_UP).stripTrailingZeros());
    }

    /** 10.00 stripped is 1E+1, which reads as an exponent wherever the figure is written out. */
    private static BigDecimal plain(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
