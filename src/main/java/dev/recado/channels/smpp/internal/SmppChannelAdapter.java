package dev.recado.channels.smpp.internal;

import dev.recado.content.sms.SmsEncoder;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.Reconciliation;
import dev.recado.messaging.spi.Reconciliation.Verdict;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.SubmitOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMPP sender account: a long-lived bind ({@link SmppConnection}), submits ({@link PartSender}),
 * receipts and MO ({@link InboundHandler}). Each submit runs on its own virtual thread, because
 * jSMPP's submit blocks until its response; the window bounds how many are on the wire at once.
 */
public final class SmppChannelAdapter implements ChannelAdapter {

    private static final Logger log = LoggerFactory.getLogger(SmppChannelAdapter.class);
    private static final Duration MO_MAX_WAIT = Duration.ofMinutes(5);

    private final String sender;
    private final StateReporter state;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService submits = Executors.newVirtualThreadPerTaskExecutor();
    private final SmppConnection connection;
    private final PartSender parts;
    private final Function<String, Optional<List<String>>> referenceLookup;
    private final ReferenceQuery referenceQuery;
    private volatile boolean closed;

    private SmppChannelAdapter(SenderConfig config, SmppSettings settings, AdapterListener listener,
            Function<String, Optional<List<String>>> referenceLookup, Clock clock) {
        this.sender = config.senderId() + "/" + config.name();
        this.state = new StateReporter(listener, sender);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("smpp-" + config.senderId() + "-binder").factory());
        InboundHandler inbound = new InboundHandler(listener, settings.receiptIdFormat(),
                new MoReassembler(MO_MAX_WAIT), clock, sender);
        this.connection = new SmppConnection(settings, sender, inbound, state, scheduler);
        this.parts = new PartSender(settings, connection::transmitter, state, clock);
        this.referenceLookup = referenceLookup;
        this.referenceQuery = settings.reconcileByQuery()
                ? new ReferenceQuery(settings, connection::transmitter, sender) : null;
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                inbound.expire();
            } catch (RuntimeException e) {
                log.warn("SMPP sender {}: releasing incomplete MO failed", sender, e);
            }
        }, 30, 30, TimeUnit.SECONDS);
    }

    /** Opens the adapter and starts binding in the background; returns at once. */
    public static SmppChannelAdapter open(SenderConfig config, SmppSettings settings, AdapterListener listener,
            Function<String, Optional<List<String>>> referenceLookup, Clock clock) {
        SmppChannelAdapter adapter = new SmppChannelAdapter(config, settings, listener, referenceLookup, clock);
        adapter.connection.open();
        return adapter;
    }

    @Override
    public CompletableFuture<SubmitOutcome> submit(OutboundMessage message) {
        CompletableFuture<SubmitOutcome> outcome = new CompletableFuture<>();
        if (closed) {
            outcome.complete(closedOutcome());
            return outcome;
        }
        try {
            submits.execute(() -> {
                try {
                    outcome.complete(afterTimeout(message, parts.send(message)));
                } catch (RuntimeException e) {
                    // only a malformed message gets here (no recipient...); retrying it would not help
                    log.error("SMPP sender {}: submit of message {} failed", sender, message.messageId(), e);
                    outcome.complete(new SubmitOutcome.Permanent("smpp_invalid_message", String.valueOf(e)));
                }
            });
        } catch (RejectedExecutionException e) {
            outcome.complete(closedOutcome());
        }
        return outcome;
    }

    /**
     * A submit whose response never came is in the same doubt as one a crash interrupted: the SMSC
     * may have it. It goes through the same reconciliation ({@link #reconcile}): ACCEPTED records the
     * SMSC's ids, NOT_RECEIVED retries it (safe), and UNKNOWN, including a sender that cannot be
     * asked, fails it as {@code submit_timeout_unknown} rather than risk a duplicate.
     */
    private SubmitOutcome afterTimeout(OutboundMessage message, SubmitOutcome outcome) {
        if (!(outcome instanceof SubmitOutcome.Transient t) || !PartSender.TIMEOUT.equals(t.code())) {
            return outcome;
        }
        Reconciliation answer = referenceLookup == null && referenceQuery == null
                ? Reconciliation.unknown(message.messageId()) : reconcile(List.of(message)).get(0);
        log.warn("SMPP sender {}: submit of message {} timed out; the SMSC says {}", sender, message.messageId(),
                answer.verdict());
        return switch (answer.verdict()) {
            case ACCEPTED -> new SubmitOutcome.Accepted(answer.providerIds());
            case NOT_RECEIVED -> t;
            case UNKNOWN -> new SubmitOutcome.Permanent("submit_timeout_unknown", t.text()
                    + "; the SMSC cannot confirm whether it has the message, so it is not re-sent");
        };
    }

    /**
     * What the SMSC has of messages whose submit outcome a crash lost. SMPP 3.4 cannot say: query_sm
     * needs the SMSC's message_id, which we never read. So by default every message stays UNKNOWN,
     * and the engine fails it with {@code in_flight_at_crash} rather than risk a duplicate. Two ways
     * to know better:
     * <ul>
     * <li>an in-process lookup by our reference (the sandbox's own simulator);</li>
     * <li>{@code reconcile_by_query}: query_sm with message_id {@code ref:<reference>}, an extension
     * that our simulator, and SMSCs that look up by client reference, answer (see
     * {@link ReferenceQuery}; a standard SMSC must not be given it).</li>
     * </ul>
     * Either way a message the SMSC has in full is ACCEPTED with its ids, one it never saw is
     * NOT_RECEIVED, and one with only some parts there stays UNKNOWN: sending again would duplicate
     * those parts.
     */
    @Override
    public List<Reconciliation> reconcile(List<OutboundMessage> inFlight) {
        if (referenceLookup != null) {
            return inFlight.stream().map(this::reconcile).toList();
        }
        if (referenceQuery != null) {
            return referenceQuery.reconcile(inFlight);
        }
        return ChannelAdapter.super.reconcile(inFlight);
    }

    private Reconciliation reconcile(OutboundMessage m) {
        if (m.reference() == null) {
            return Reconciliation.unknown(m.messageId());
        }
        try {
            List<String> ids = referenceLookup.apply(m.reference()).orElse(List.of());
            if (ids.isEmpty()) {
                return new Reconciliation(m.messageId(), Verdict.NOT_RECEIVED, List.of());
            }
            int expected = SmsEncoder.plan(m.body(), m.smartEncoding()).segments();
            return ids.size() >= expected
                    ? new Reconciliation(m.messageId(), Verdict.ACCEPTED, List.copyOf(ids))
                    : Reconciliation.unknown(m.messageId());
        } catch (RuntimeException e) {
            log.warn("SMPP sender {}: reconciling {} failed", sender, m.reference(), e);
            return Reconciliation.unknown(m.messageId());
        }
    }

    @Override
    public SenderState state() {
        SenderState s = state.current();
        return s == null ? SenderState.CONNECTING : s;
    }

    /** Unbinds, fails submits still waiting for the window, and stops rebinding. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connection.close(); // first, so responses to submits on the wire can still arrive
        scheduler.shutdownNow();
        submits.shutdownNow();
    }

    private static SubmitOutcome closedOutcome() {
        return new SubmitOutcome.Transient("smpp_closed", "the SMPP sender is closed", false, Duration.ofSeconds(5));
    }
}
