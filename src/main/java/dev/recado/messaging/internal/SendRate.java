package dev.recado.messaging.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A sender's pace: at most {@code perSecond} units in any window of a second and a bit (the
 * {@link #GUARD}), spread evenly, with a short catch-up after a stall.
 *
 * <p>A token bucket (what Bucket4j offers) cannot promise this: with capacity C and rate R it lets
 * C + R through in one second, so a bucket that starts full, or fills during a pause such as a
 * slow claim, sends up to twice the rate in the next second; a capacity small enough to prevent it
 * cannot make up for a pause. So two rules: sends keep a schedule one interval apart, and after a
 * stall make up at most {@link #CATCH_UP} of it at twice the pace (never a clump); and a ring of the
 * times of the last {@code perSecond} units says when the window allows the next (the hard limit).
 *
 * <p>Providers count arrivals, and a send can take a few milliseconds more or less to arrive than
 * the one before it; the window is therefore 1.02 s, so 20 ms of such variation still stays under
 * the rate at the provider, and the steady rate is 98 % of the configured one.
 */
final class SendRate {

    static final Duration GUARD = Duration.ofMillis(20);
    static final int CATCH_UP_PERCENT = 10;
    static final long WINDOW_NANOS = Duration.ofSeconds(1).plus(GUARD).toNanos();
    static final long CATCH_UP = WINDOW_NANOS * CATCH_UP_PERCENT / 100;

    private final int perSecond;
    private final long interval;
    private final long[] recent;
    private final LongSupplier nanos;
    /** Units reserved so far: a later report of when some of them went can tell if their slots are still theirs. */
    private long reservedUnits;
    private long scheduled;
    private long last;

    SendRate(int perSecond, LongSupplier nanos) {
        this.perSecond = Math.max(1, perSecond);
        this.interval = WINDOW_NANOS / this.perSecond;
        this.nanos = nanos;
        long now = nanos.getAsLong();
        this.recent = new long[this.perSecond];
        // as if the last units went a window ago: the first second may use the whole rate, no more
        Arrays.fill(recent, now - WINDOW_NANOS);
        // nothing to make up at the start
        this.scheduled = now + CATCH_UP;
        this.last = now - WINDOW_NANOS;
    }

    /**
     * Reserves {@code units} (a message's segments) and says how long to wait before sending them
     * all at once: 0 means now. Units beyond the rate count as the rate (such a message goes alone).
     */
    synchronized long reserve(int units) {
        int n = Math.min(Math.max(1, units), perSecond);
        long now = nanos.getAsLong();
        // the unit that, after these n, would be the perSecond-th most recent must have left the window
        long windowAllows = recent[(int) ((reservedUnits + n - 1) % perSecond)] + WINDOW_NANOS;
        long at = Math.max(Math.max(now, last + n * interval / 2), Math.max(scheduled - CATCH_UP, windowAllows));
        for (int i = 0; i < n; i++) {
            recent[(int) (reservedUnits++ % perSecond)] = at;
        }
        scheduled = Math.max(scheduled, at) + n * interval;
        last = at;
        return at - now;
    }

    /**
     * Waits until the units may go, then counts them at the moment they really go: interruptible
     * like any blocking wait of the dispatcher. Returns what {@link #wrote} needs to move them again.
     */
    Reservation acquire(int units) throws InterruptedException {
        long wait = reserve(units);
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
        return went(units);
    }

    /** Units {@code [end - units, end)} of everything reserved: the ones a send took. */
    record Reservation(long end, int units) {
    }

    /**
     * Moves the last reservation's units to now in the window, if now is later than reserved. A
     * thread that slept past its moment (on two busy cores a wake-up can come milliseconds late)
     * sent later than the window believed; left at the reserved moment, the send a second later would
     * be let go early, and the late one and the early one fit into one second at the provider.
     */
    synchronized Reservation went(int units) {
        int n = Math.min(Math.max(1, units), perSecond);
        var reservation = new Reservation(reservedUnits, n);
        last = Math.max(last, later(reservation));
        return reservation;
    }

    /**
     * The same when the request is written to the provider, later than it was handed over (an HTTP
     * client writes it on a thread of its own, which on busy cores can run tens of milliseconds late).
     * Units whose slots a second's worth of later sends has already reused are left alone.
     */
    synchronized void wrote(Reservation reservation) {
        if (reservation.end() - reservation.units() >= reservedUnits - perSecond) {
            later(reservation);
        }
    }

    /** Moves the reservation's slots to now (never earlier) and answers that now. */
    private long later(Reservation reservation) {
        long now = nanos.getAsLong();
        // unit u of all reserved sits in slot u % perSecond: the ring and the count advance together from 0
        for (long unit = reservation.end() - reservation.units(); unit < reservation.end(); unit++) {
            int slot = (int) (unit % perSecond);
            recent[slot] = Math.max(recent[slot], now);
        }
        return now;
    }

    int perSecond() {
        return perSecond;
    }
}
