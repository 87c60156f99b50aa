package dev.recado.channels.smpp.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How the simulated SMSC answers: which submits it throttles or rejects and which receipts say
 * delivered. Pure and thread-safe; every knob may change while sessions are bound, so tests can
 * switch throttling on in the middle of a run. Outcomes are deterministic (a ratio of 0.5 alternates)
 * so a test can count them.
 */
public final class SimulatorPolicy {

    /** What to answer to one submit_sm. */
    public enum Answer {
        ACCEPT, THROTTLE, REJECT
    }

    private volatile String systemId;
    private volatile String password;
    private volatile double deliveredRatio = 1.0;
    private volatile Duration receiptDelay = Duration.ofMillis(100);
    // like a real SMSC, keep a receipt while the client is away (reconnecting), but not for ever
    private volatile Duration receiptRetention = Duration.ofSeconds(60);
    private volatile int throttleEvery;
    private volatile Instant throttleUntil = Instant.MIN;
    private volatile String rejectPrefix;
    private volatile boolean receiptTlvs = true;
    private volatile boolean decimalReceiptIds;
    private volatile boolean answerQueries = true;
    private volatile Duration submitStall = Duration.ZERO;
    private volatile boolean moIds = true;
    private volatile int moRedeliveries;
    private final java.util.concurrent.atomic.AtomicInteger stallsLeft = new java.util.concurrent.atomic.AtomicInteger();

    private final AtomicLong submits = new AtomicLong();
    private final AtomicLong receipts = new AtomicLong();

    /** Only binds with these credentials are accepted; null accepts any bind. */
    public void credentials(String systemId, String password) {
        this.systemId = systemId;
        this.password = password;
    }

    /** Null when the bind is acceptable, else the SMPP status to reject it with. */
    public Integer bindRejection(String boundSystemId, String boundPassword) {
        String expectedId = systemId;
        if (expectedId == null) {
            return null;
        }
        if (!expectedId.equals(boundSystemId)) {
            return SmppStatus.ESME_RINVSYSID;
        }
        return password == null || password.equals(boundPassword) ? null : SmppStatus.ESME_RINVPASWD;
    }

    public void deliveredRatio(double ratio) {
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("deliveredRatio must be within [0, 1]: " + ratio);
        }
        this.deliveredRatio = ratio;
    }

    public void receiptDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("receiptDelay must not be negative");
        }
        this.receiptDelay = delay;
    }

    public Duration receiptDelay() {
        return receiptDelay;
    }

    /** How long an undelivered receipt is retried (every 250 ms) before it is dropped. */
    public void receiptRetention(Duration retention) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("receiptRetention must not be negative");
        }
        this.receiptRetention = retention;
    }

    public Duration receiptRetention() {
        return receiptRetention;
    }

    /** Every {@code n}th submit (n, 2n, ...) is throttled; 0 turns it off. */
    public void throttleEvery(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("throttleEvery must be >= 0");
        }
        this.throttleEvery = n;
    }

    public void throttleUntil(Instant until) {
        this.throttleUntil = until;
    }

    /** Destinations starting with the prefix get a permanent ESME_RINVDSTADR; null turns it off. */
    public void rejectDestinations(String prefix) {
        this.rejectPrefix = prefix;
    }

    public void receiptTlvs(boolean on) {
        this.receiptTlvs = on;
    }

    public boolean receiptTlvs() {
        return receiptTlvs;
    }

    public void decimalReceiptIds(boolean on) {
        this.decimalReceiptIds = on;
    }

    public boolean decimalReceiptIds() {
        return decimalReceiptIds;
    }

    /** Whether query_sm is answered (default) or refused with ESME_RINVCMDID, as by an SMSC without it. */
    public void answerQueries(boolean on) {
        this.answerQueries = on;
    }

    public boolean answerQueries() {
        return answerQueries;
    }

    /** Whether a single-part MO carries the SMSC's id for it (receipted_message_id); default on. */
    public void moIds(boolean on) {
        this.moIds = on;
    }

    public boolean moIds() {
        return moIds;
    }

    /** How many times each MO part is delivered again after it was acknowledged; default 0. */
    public void moRedeliveries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("moRedeliveries must be >= 0");
        }
        this.moRedeliveries = n;
    }

    public int moRedeliveries() {
        return moRedeliveries;
    }

    /**
     * The next {@code count} accepted submits are answered only after {@code stall}: the SMSC has
     * them (they are recorded and get their receipt) but a client with a shorter submit timeout
     * never reads the response, as when a carrier's answer is lost.
     */
    public void stallSubmits(int count, Duration stall) {
        if (count < 0 || stall.isNegative()) {
            throw new IllegalArgumentException("stallSubmits needs count >= 0 and a non-negative stall");
        }
        this.submitStall = stall;
        this.stallsLeft.set(count);
    }

    /** How long to hold the response to the submit being answered now (zero for most). */
    public Duration nextSubmitStall() {
        return stallsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? submitStall : Duration.ZERO;
    }

    /** Decides one submit; rejection of the destination wins over throttling, as in a real SMSC. */
    public Answer answer(String destination, Instant now) {
        long n = submits.incrementAndGet();
        String prefix = rejectPrefix;
        if (prefix != null && destination != null && destination.startsWith(prefix)) {
            return Answer.REJECT;
        }
        int every = throttleEvery;
        if (every > 0 && n % every == 0 || now.isBefore(throttleUntil)) {
            return Answer.THROTTLE;
        }
        return Answer.ACCEPT;
    }

    /** Whether the next receipt says delivered: exactly {@code ratio} of receipts do, spread evenly. */
    public boolean nextDelivered() {
        long n = receipts.getAndIncrement();
        double ratio = deliveredRatio;
        return Math.floor((n + 1) * ratio) > Math.floor(n * ratio);
    }
}
