package dev.recado.channels.smpp.internal;

import dev.recado.channels.smpp.SimulatedSubmission;
import dev.recado.channels.smpp.SmscCounters;
import dev.recado.channels.smpp.SubmissionJournal;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMSC side of the simulator over real TCP: accepts binds, lets {@link SimulatorHandler} answer
 * PDUs, and sends delivery receipts and MO. jSMPP reads each session on its own thread and processes
 * PDUs on a small pool per session; the handlers only record and schedule. The blocking deliver_sm
 * round trips run on one bounded pool, so thousands of submits per second cost no thread each.
 */
public final class SimulatorServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);
    private static final String SMSC_SYSTEM_ID = "recado-sim";
    private static final DateTimeFormatter RECEIPT_DATE =
            DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);
    // a receipt waits for its deliver_sm_resp, as a windowed carrier would; this is the window
    private static final int RECEIPT_THREADS = 64;
    private static final int MAX_PENDING_RECEIPTS = 100_000;
    private static final long RECEIPT_RETRY_MS = 250;

    /** A bound session and who bound it. */
    record Bound(SMPPServerSession session, String systemId, BindType type) {
    }

    final SimulatorPolicy policy;
    final SubmissionLog submissions;
    final Clock clock;
    volatile SubmissionJournal journal = SubmissionJournal.NONE;
    final Map<String, Bound> sessions = new ConcurrentHashMap<>();
    /**
     * Who bound each session, kept a while after it closes: jSMPP's workers still process the PDUs a
     * dead session had queued, and those submissions are its system_id's (a query_sm after a client
     * crash must find them, or the client sends them again).
     */
    private final Map<String, String> boundBy = new ConcurrentHashMap<>();
    final AtomicLong binds = new AtomicLong();
    final AtomicLong bindsRejected = new AtomicLong();
    final AtomicLong submits = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong receiptsSent = new AtomicLong();
    final AtomicLong receiptsDropped = new AtomicLong();
    final AtomicLong moSent = new AtomicLong();
    final AtomicLong enquireLinks = new AtomicLong();
    final AtomicLong queries = new AtomicLong();
    private final ScheduledThreadPoolExecutor receipts = new ScheduledThreadPoolExecutor(RECEIPT_THREADS,
            Thread.ofPlatform().daemon().name("smsc-sim-receipts-", 0).factory());
    private final ExecutorService handshakes = Executors.newFixedThreadPool(4,
            Thread.ofPlatform().daemon().name("smsc-sim-bind-", 0).factory());
    private final SimulatorHandler handler;
    private final MoInjector mo;
    private SMPPServerSessionListener listener;
    private volatile int port;
    private volatile boolean closed;

    public SimulatorServer(SimulatorPolicy policy, SubmissionLog submissions, Clock clock) {
        this.policy = policy;
        this.submissions = submissions;
        this.clock = clock;
        this.handler = new SimulatorHandler(this);
        this.mo = new MoInjector(this);
        receipts.setRemoveOnCancelPolicy(true);
    }

    /** Listens on {@code port} (0 picks a free one) and starts accepting sessions. */
    public synchronized void start(InetAddress address, int requestedPort) throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        listener = new SMPPServerSessionListener(requestedPort, new CapturingFactory(address));
        listener.setPduProcessorDegree(4);
        listener.setQueueCapacity(1_000);
        listener.setMessageReceiverListener(handler);
        listener.setResponseDeliveryListener(handler);
        listener.setSessionStateListener((newState, oldState, source) -> {
            if (!newState.isNotClosed()) {
                sessions.remove(source.getSessionId());
                forgetLater(source.getSessionId());
            }
        });
        Thread.ofPlatform().daemon().name("smsc-sim-accept-" + port).start(this::acceptLoop);
    }

    public int port() {
        return port;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SMPPServerSession session = listener.accept();
                try {
                    handshakes.execute(() -> handshake(session));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // accepted while close() was shutting the handshakes down: that session is not served
                    session.close();
                    if (closed) {
                        return;
                    }
                    throw stopping;
                }
            } catch (IOException e) {
                if (!closed) {
                    log.warn("SMSC simulator accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void handshake(SMPPServerSession session) {
        try {
            BindRequest bind = session.waitForBind(5_000);
            Integer rejection = policy.bindRejection(bind.getSystemId(), bind.getPassword());
            if (rejection != null) {
                bindsRejected.incrementAndGet();
                bind.reject(rejection);
                // the client closes on the negative bind_resp; closing at once could cut it off unread
                schedule(session::close, 1_000);
                return;
            }
            session.setTransactionTimer(10_000);
            // registered before the bind_resp, so a submit that follows at once finds its system_id
            sessions.put(session.getSessionId(), new Bound(session, bind.getSystemId(), bind.getBindType()));
            boundBy.put(session.getSessionId(), bind.getSystemId());
            bind.accept(SMSC_SYSTEM_ID);
            binds.incrementAndGet();
        } catch (Exception e) {
            log.debug("SMSC simulator bind failed: {}", e.getMessage());
            sessions.remove(session.getSessionId());
            session.close();
        }
    }

    String systemIdOf(SMPPServerSession session) {
        return boundBy.get(session.getSessionId());
    }

    /** Once the closed session's queued PDUs are long processed (jSMPP's transaction timer is 10 s). */
    private void forgetLater(String sessionId) {
        try {
            receipts.schedule(() -> boundBy.remove(sessionId), 60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException simulatorClosing) {
            boundBy.remove(sessionId);
        }
    }

    /** A session that can take deliver_sm for this system_id (any receiver when null). */
    Bound receiverFor(String systemId) {
        return sessions.values().stream()
                .filter(b -> b.type().isReceivable() && b.session().getSessionState().isReceivable())
                .filter(b -> systemId == null || Objects.equals(systemId, b.systemId()))
                .findFirst().orElse(null);
    }

    /**
     * Called once the submit_sm_resp went out, so a receipt never overtakes its own response; the
     * delay is the one in force when the submission was accepted (a client may change it as soon as
     * it has the response, before this runs).
     */
    void scheduleReceipt(SimulatedSubmission s, Duration delay) {
        boolean delivered = policy.nextDelivered();
        int wanted = s.registeredDelivery() & 0x03; // 1: always, 2: on failure, 3: on success (5.0)
        if (wanted == 0 || wanted == 2 && delivered || wanted == 3 && !delivered) {
            return;
        }
        Instant giveUpAt = clock.instant().plus(policy.receiptRetention());
        schedule(() -> sendReceipt(s, delivered, giveUpAt), delay.toMillis());
    }

    private void schedule(Runnable task, long delayMs) {
        if (closed) {
            return;
        }
        if (receipts.getQueue().size() >= MAX_PENDING_RECEIPTS) {
            receiptsDropped.incrementAndGet();
            return;
        }
        receipts.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    private void sendReceipt(SimulatedSubmission s, boolean delivered, Instant giveUpAt) {
        Bound target = receiverFor(s.systemId());
        try {
            if (target == null) {
                throw new IOException("no receiver bound for " + s.systemId());
            }
            List<OptionalParameter> tlvs = policy.receiptTlvs()
                    ? List.of(new OptionalParameter.Receipted_message_id(s.messageId()),
                            new OptionalParameter.Message_state((byte) (delivered ? 2 : 5)))
                    : List.of();
            target.session().deliverShortMessage("", ton(s.destTon()), npi(s.destNpi()), s.destination(),
                    ton(s.sourceTon()), npi(s.sourceNpi()), s.source(), new ESMClass(0x04), (byte) 0, (byte) 0,
                    new RegisteredDelivery(0), DataCodings.ZERO,
                    receiptText(s, delivered).getBytes(StandardCharsets.US_ASCII),
                    tlvs.toArray(OptionalParameter[]::new));
            receiptsSent.incrementAndGet();
            submissions.receiptSent(s.messageId(), delivered, clock.instant());
            journal.receiptDelivered(s.messageId());
        } catch (Exception e) {
            if (clock.instant().isBefore(giveUpAt) && !closed) {
                schedule(() -> sendReceipt(s, delivered, giveUpAt), RECEIPT_RETRY_MS);
            } else {
                receiptsDropped.incrementAndGet();
            }
        }
    }

    String receiptText(SimulatedSubmission s, boolean delivered) {
        String id = policy.decimalReceiptIds() ? new BigInteger(s.messageId(), 16).toString() : s.messageId();
        String text;
        try {
            text = s.text();
        } catch (RuntimeException e) {
            text = "";
        }
        text = text.substring(0, Math.min(20, text.length())).replaceAll("[^\\x20-\\x7E]", "?");
        return "id:" + id + " sub:001 dlvrd:" + (delivered ? "001" : "000")
                + " submit date:" + RECEIPT_DATE.format(s.receivedAt())
                + " done date:" + RECEIPT_DATE.format(clock.instant())
                + " stat:" + (delivered ? "DELIVRD" : "UNDELIV") + " err:" + (delivered ? "000" : "001")
                + " text:" + text;
    }

    public void journal(SubmissionJournal journal) {
        this.journal = journal;
    }

    /**
     * What a journal kept from before a restart: back in the log (for queries and the virtual phone),
     * and the receipts still owed scheduled again.
     */
    public void restore(List<SimulatedSubmission> accepted, List<SimulatedSubmission> receiptsOwed) {
        accepted.forEach(submissions::add);
        receiptsOwed.forEach(s -> scheduleReceipt(s, policy.receiptDelay()));
    }

    public void injectMo(String systemId, String from, String to, String text, boolean sar) {
        mo.inject(systemId, from, to, text, sar);
    }

    /** Drops every session without unbinding, as a network cut would. */
    public void disconnectAll() {
        sessions.values().forEach(b -> b.session().close());
    }

    /** Unbinds every session from the SMSC side, as an SMSC going down for maintenance would. */
    public void unbindAll() {
        List<Thread> unbinding = sessions.values().stream()
                .map(b -> Thread.ofVirtual().start(() -> Unbinding.unbindAndClose(b.session()))).toList();
        for (Thread t : unbinding) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public SmscCounters counters() {
        return new SmscCounters(binds.get(), bindsRejected.get(), sessions.size(), submits.get(), accepted.get(),
                throttled.get(), rejected.get(), receiptsSent.get(), receiptsDropped.get(), moSent.get(),
                enquireLinks.get(), queries.get());
    }

    static TypeOfNumber ton(int value) {
        return TypeOfNumber.valueOf((byte) value);
    }

    static NumberingPlanIndicator npi(int value) {
        return NumberingPlanIndicator.valueOf((byte) value);
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException e) {
            log.debug("closing the SMSC simulator listener: {}", e.getMessage());
        }
        sessions.values().forEach(b -> b.session().close());
        handshakes.shutdownNow();
        receipts.shutdownNow();
    }

    /** jSMPP's factory forgets the socket; this one keeps the port actually bound (for port 0). */
    private final class CapturingFactory implements ServerConnectionFactory {
        private final InetAddress address;

        CapturingFactory(InetAddress address) {
            this.address = address;
        }

        @Override
        public ServerConnection listen(int requested) throws IOException {
            return listen(requested, 0, 50);
        }

        @Override
        public ServerConnection listen(int requested, int timeout) throws IOException {
            return listen(requested, timeout, 50);
        }

        @Override
        public ServerConnection listen(int requested, int timeout, int backlog) throws IOException {
            ServerSocket socket = new ServerSocket(requested, backlog, address);
            socket.setSoTimeout(timeout);
            port = socket.getLocalPort();
            return new ServerSocketConnection(socket);
        }
    }
}
