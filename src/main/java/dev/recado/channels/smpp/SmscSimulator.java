package dev.recado.channels.smpp;

import dev.recado.channels.smpp.internal.SimulatorPolicy;
import dev.recado.channels.smpp.internal.SimulatorServer;
import dev.recado.channels.smpp.internal.SubmissionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An SMSC that speaks SMPP 3.4 over TCP, for the tests and the sandbox: the client code path is the
 * one used against a carrier. It accepts binds (any, or only the configured credentials), answers
 * each submit_sm with a unique id, records it, and later sends a delivery receipt (TLVs and the
 * usual text); it can throttle, reject destinations, drop or unbind its sessions and push MO.
 * It answers query_sm by message id and, as an extension, by the client's own reference
 * ({@code ref:<reference>}), so a client that crashed can learn over SMPP what was submitted.
 * Every setting may change while clients are bound.
 *
 * <pre>{@code
 * try (SmscSimulator smsc = SmscSimulator.onPort(0).deliveredRatio(0.9).start()) {
 *     connect to "localhost", smsc.port() ...
 * }
 * }</pre>
 */
public final class SmscSimulator implements AutoCloseable {

    /** How many submissions are kept for inspection; the oldest go first. */
    public static final int DEFAULT_HISTORY = 200_000;

    private final int requestedPort;
    private final SimulatorPolicy policy = new SimulatorPolicy();
    private final SubmissionLog submissions;
    private final Clock clock;
    private InetAddress address = InetAddress.getLoopbackAddress();
    private SimulatorServer server;

    private SmscSimulator(int port, int history, Clock clock) {
        this.requestedPort = port;
        this.submissions = new SubmissionLog(history);
        this.clock = clock;
    }

    /** A simulator for {@code port} (0: any free port, see {@link #port()}), not yet listening. */
    public static SmscSimulator onPort(int port) {
        return new SmscSimulator(port, DEFAULT_HISTORY, Clock.systemUTC());
    }

    public static SmscSimulator onPort(int port, int history, Clock clock) {
        return new SmscSimulator(port, history, clock);
    }

    /** Listens on loopback unless told otherwise (the sandbox may expose it). */
    public SmscSimulator bindAddress(InetAddress address) {
        this.address = address;
        return this;
    }

    public synchronized SmscSimulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        SimulatorServer s = new SimulatorServer(policy, submissions, clock);
        try {
            s.start(address, requestedPort);
        } catch (IOException e) {
            s.close();
            throw new UncheckedIOException("cannot listen on port " + requestedPort, e);
        }
        server = s;
        return this;
    }

    /** Keeps what it accepts there (see {@link SubmissionJournal}); set before it takes submits. */
    public SmscSimulator journal(SubmissionJournal journal) {
        running().journal(journal);
        return this;
    }

    /** After a restart: what the journal kept goes back in, and owed receipts are sent again. */
    public SmscSimulator restore(List<SimulatedSubmission> accepted, List<SimulatedSubmission> receiptsOwed) {
        running().restore(accepted, receiptsOwed);
        return this;
    }

    /** The port actually listened on. */
    public int port() {
        return running().port();
    }

    /** Only binds with this system_id and password are accepted; null accepts any bind. */
    public SmscSimulator credentials(String systemId, String password) {
        policy.credentials(systemId, password);
        return this;
    }

    /** Share of receipts that say DELIVRD (the rest UNDELIV err:001), spread evenly; default 1. */
    public SmscSimulator deliveredRatio(double ratio) {
        policy.deliveredRatio(ratio);
        return this;
    }

    /** Time between the submit_sm_resp and its receipt; default 100 ms. */
    public SmscSimulator receiptDelay(Duration delay) {
        policy.receiptDelay(delay);
        return this;
    }

    /** How long a receipt the client cannot take (not bound, no answer) is retried; default 60 s. */
    public SmscSimulator receiptRetention(Duration retention) {
        policy.receiptRetention(retention);
        return this;
    }

    /** Answers every {@code n}th submit_sm with ESME_RTHROTTLED (0x58); 0 stops it. */
    public SmscSimulator throttleEvery(int n) {
        policy.throttleEvery(n);
        return this;
    }

    /** Answers every submit_sm with ESME_RTHROTTLED for this long, starting now. */
    public SmscSimulator throttleFor(Duration window) {
        policy.throttleUntil(clock.instant().plus(window));
        return this;
    }

    public SmscSimulator stopThrottling() {
        policy.throttleEvery(0);
        policy.throttleUntil(java.time.Instant.MIN);
        return this;
    }

    /** Refuses destinations starting with the prefix with ESME_RINVDSTADR (0x0B); null stops it. */
    public SmscSimulator rejectDestinations(String prefix) {
        policy.rejectDestinations(prefix);
        return this;
    }

    /** Whether receipts carry receipted_message_id and message_state TLVs (default) or text only. */
    public SmscSimulator receiptTlvs(boolean on) {
        policy.receiptTlvs(on);
        return this;
    }

    /** Writes receipt text ids in decimal although submit ids are hex, as some carriers do. */
    public SmscSimulator decimalReceiptIds(boolean on) {
        policy.decimalReceiptIds(on);
        return this;
    }

    /** Answers query_sm (default), or refuses it with ESME_RINVCMDID as an SMSC without it would. */
    public SmscSimulator answerQueries(boolean on) {
        policy.answerQueries(on);
        return this;
    }

    /** Whether a single-part MO carries an SMSC id (receipted_message_id TLV); default on. */
    public SmscSimulator moIds(boolean on) {
        policy.moIds(on);
        return this;
    }

    /** Delivers every MO part this many more times, as an SMSC that missed our answer does; default 0. */
    public SmscSimulator moRedeliveries(int n) {
        policy.moRedeliveries(n);
        return this;
    }

    /**
     * Holds the submit_sm_resp of the next {@code count} accepted submits for {@code stall}: the SMSC
     * has those messages, but a client whose submit timeout is shorter never learns it.
     */
    public SmscSimulator stallSubmits(int count, Duration stall) {
        policy.stallSubmits(count, stall);
        return this;
    }

    /** Drops every session without unbind, as a network cut would. */
    public void disconnectAll() {
        running().disconnectAll();
    }

    /** Unbinds every session from the SMSC side, as an SMSC going down for maintenance would. */
    public void unbindAll() {
        running().unbindAll();
    }

    /** Sends MO to a bound receiver, in several parts (UDH) when long; returns once acknowledged. */
    public void injectMo(String from, String to, String text) {
        running().injectMo(null, from, to, text, false);
    }

    /** To the receiver bound with this system_id: one simulator can serve several accounts (the sandbox). */
    public void injectMoFor(String systemId, String from, String to, String text) {
        running().injectMo(systemId, from, to, text, false);
    }

    /** As {@link #injectMo(String, String, String)}, with SAR TLVs instead of a UDH when long. */
    public void injectMo(String from, String to, String text, boolean sarTlvs) {
        running().injectMo(null, from, to, text, sarTlvs);
    }

    /** Message ids accepted for our reference (TLV 0x1400), in part order; empty when never seen. */
    public Optional<List<String>> lookupByReference(String reference) {
        return submissions.idsFor(reference);
    }

    public List<SimulatedSubmission> submissions() {
        return submissions.all();
    }

    public List<SimulatedSubmission> submissionsFor(String reference) {
        return submissions.forReference(reference);
    }

    /** References of which some part was accepted more than once; empty when all went exactly once. */
    public Set<String> duplicatedReferences() {
        return submissions.duplicatedReferences();
    }

    public void clearSubmissions() {
        submissions.clear();
    }

    public SmscCounters counters() {
        return running().counters();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }

    private synchronized SimulatorServer running() {
        if (server == null) {
            throw new IllegalStateException("the SMSC simulator is not started");
        }
        return server;
    }
}
