package dev.recado.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pace a dispatcher keeps, on a clock the test moves: a sender that always has work, stalls now
 * and then (a slow claim, a collection) and sits idle for a while, must never send more than its
 * rate in any second, and must still send close to it.
 */
class SendRateTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private long now = 1_000 * SECOND;

    /** Sends as a dispatcher does: wait what the pace says, send, spend some time; returns the send times. */
    private List<Long> drive(SendRate rate, long until, int units, Random random, boolean stalls) {
        List<Long> sent = new ArrayList<>();
        int n = 0;
        while (now < until) {
            now += rate.reserve(units);
            for (int u = 0; u < units; u++) {
                sent.add(now);
            }
            now += random.nextInt(50_000);  // up to 50 µs of work per send
            if (stalls && ++n % 200 == 0) {
                now += TimeUnit.MILLISECONDS.toNanos(random.nextInt(100));  // the next claim
            }
        }
        return sent;
    }

    /**
     * As {@link #drive}, but the sending thread now and then wakes late, as a thread does on two busy
     * cores, and tells the pace when it really went.
     */
    private List<Long> driveWakingLate(SendRate rate, long until, Random random) {
        List<Long> sent = new ArrayList<>();
        while (now < until) {
            now += rate.reserve(1);
            if (random.nextInt(100) == 0) {
                now += TimeUnit.MILLISECONDS.toNanos(5 + random.nextInt(40));
            }
            rate.went(1);
            sent.add(now);
            now += random.nextInt(50_000);
        }
        return sent;
    }

    /**
     * Sends as the WhatsApp adapter does: handed to an HTTP client that writes each request on a
     * thread of its own, in order, a tenth of a millisecond later, and now and then stalls for up to
     * 45 ms before writing what piled up at once; returns the write times, what the provider counts.
     */
    private List<Long> driveThroughAClient(SendRate rate, long until, Random random, boolean toldWhenWritten) {
        record Pending(SendRate.Reservation reservation, long writeAt) {
        }
        var pending = new java.util.ArrayDeque<Pending>();
        List<Long> written = new ArrayList<>();
        long clientFreeAt = now;
        while (now < until) {
            long at = now + rate.reserve(1);
            while (!pending.isEmpty() && pending.peek().writeAt() <= at) {
                var p = pending.poll();
                now = Math.max(now, p.writeAt());
                if (toldWhenWritten) {
                    rate.wrote(p.reservation());
                }
                written.add(now);
            }
            now = Math.max(now, at);
            var reservation = rate.went(1);
            long writeAt = Math.max(now, clientFreeAt) + 100_000;
            if (random.nextInt(200) == 0) {
                writeAt += TimeUnit.MILLISECONDS.toNanos(5 + random.nextInt(40));
            }
            clientFreeAt = writeAt;
            pending.add(new Pending(reservation, writeAt));
            now += random.nextInt(50_000);
        }
        return written;
    }

    private static int mostInAnySecond(List<Long> times) {
        return mostWithin(times, SECOND);
    }

    private static int mostWithin(List<Long> times, long span) {
        int most = 0;
        for (int i = 0, j = 0; i < times.size(); i++) {
            while (j < times.size() && times.get(j) - times.get(i) < span) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        return most;
    }

    private static long countBetween(List<Long> times, long from, long to) {
        return times.stream().filter(t -> t >= from && t < to).count();
    }

    @Test
    void neverMoreThanTheRateInAnySecondEvenRightAfterStartOrAPause() {
        var random = new Random(42);
        var rate = new SendRate(1000, () -> now);
        long start = now;
        List<Long> sent = new ArrayList<>(drive(rate, start + 10 * SECOND, 1, random, true));
        // idle for three seconds (nothing queued), then a new backlog
        now += 3 * SECOND;
        long restart = now;
        sent.addAll(drive(rate, restart + 10 * SECOND, 1, random, true));

        assertThat(mostInAnySecond(sent)).isLessThanOrEqualTo(1000);
        // stalls are made up at no more than twice the pace: no clump a provider would see as a burst
        assertThat(mostWithin(sent, SECOND / 100)).isLessThanOrEqualTo(21);
        // a token bucket that starts full sends its capacity at once and then the rate: here the first second holds no more than the rate
        assertThat(countBetween(sent, start, start + SECOND)).isLessThanOrEqualTo(1000);
        assertThat(countBetween(sent, restart, restart + SECOND)).isLessThanOrEqualTo(1000);
        // and the stalls are made up: within 5 % of the rate over each busy stretch
        assertThat(countBetween(sent, start, start + 10 * SECOND)).isGreaterThanOrEqualTo(9_500);
        assertThat(countBetween(sent, restart, restart + 10 * SECOND)).isGreaterThanOrEqualTo(9_500);
    }

    @Test
    void aSteadySenderStaysAGuardUnderTheRateSoArrivalJitterDoesNotPushItOver() {
        var rate = new SendRate(1000, () -> now);
        long start = now;
        List<Long> sent = drive(rate, start + 5 * SECOND, 1, new Random(7), false);
        // sends are spread evenly, 1.02 ms apart: no clumps a little network delay could push into one second
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i) - sent.get(i - 1)).isLessThanOrEqualTo(SendRate.WINDOW_NANOS / 1000 + 50_000);
        }
        assertThat(mostInAnySecond(sent)).isBetween(975, 985);
    }

    @Test
    void aSendThatWentLateIsCountedWhenItWentSoTheOneASecondLaterWaitsForIt() {
        var rate = new SendRate(1000, () -> now);
        long start = now;
        List<Long> sent = driveWakingLate(rate, start + 20 * SECOND, new Random(11));
        // counted at the reserved moment instead, a late send and the one a window after it fit 1,001 into one second here
        assertThat(mostInAnySecond(sent)).isLessThanOrEqualTo(1000);
        // still made up: within 5 % of the rate
        assertThat(countBetween(sent, start, start + 20 * SECOND)).isGreaterThanOrEqualTo(19_000);
    }

    @Test
    void aRequestTheClientWroteLateIsCountedWhenWrittenSoTheRateHoldsWhereTheProviderCounts() {
        var rate = new SendRate(1000, () -> now);
        long start = now;
        List<Long> written = driveThroughAClient(rate, start + 20 * SECOND, new Random(5), true);
        assertThat(mostInAnySecond(written)).isLessThanOrEqualTo(1000);
        assertThat(countBetween(written, start, start + 20 * SECOND)).isGreaterThanOrEqualTo(19_000);

        // counted when handed over instead, the client's catch-up after a stall lands in the provider's second
        var handedOver = new SendRate(1000, () -> now);
        assertThat(mostInAnySecond(driveThroughAClient(handedOver, now + 20 * SECOND, new Random(5), false)))
                .isGreaterThan(1000);
    }

    @Test
    void segmentsCountAsUnitsAndASlowSenderKeepsWholeSeconds() {
        var random = new Random(3);
        var rate = new SendRate(100, () -> now);
        long start = now;
        List<Long> sent = drive(rate, start + 10 * SECOND, 3, random, true);
        assertThat(mostInAnySecond(sent)).isLessThanOrEqualTo(100);
        assertThat(countBetween(sent, start, start + 10 * SECOND)).isGreaterThanOrEqualTo(950);

        var one = new SendRate(1, () -> now);
        start = now;
        List<Long> single = drive(one, start + 10 * SECOND, 1, random, false);
        assertThat(mostInAnySecond(single)).isEqualTo(1);
        assertThat(countBetween(single, start, start + 10 * SECOND)).isEqualTo(10);
        // a message with more units than the rate still goes, alone in its window
        var small = new SendRate(2, () -> now);
        List<Long> big = drive(small, now + 5 * SECOND, 5, random, false);
        assertThat(big).isNotEmpty();
    }
}
