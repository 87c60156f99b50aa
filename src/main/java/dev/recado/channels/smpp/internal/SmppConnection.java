package dev.recado.channels.smpp.internal;

import dev.recado.messaging.spi.SenderState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-lived bind of one sender: one transceiver, or a transmitter plus a receiver. Binding and
 * rebinding happen on one scheduler thread, so there is never more than one attempt at a time. When
 * a bound session closes (network cut, failed enquire_link, unbind from the SMSC), the jSMPP state
 * listener hands the loss to that thread, which closes the rest and rebinds with capped, jittered
 * exponential backoff. jSMPP itself sends enquire_link whenever the line has been idle for
 * {@code enquire_link_seconds}.
 */
final class SmppConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmppConnection.class);
    private static final int PDU_THREADS = 64;

    /** The sessions of one successful bind; {@code generation} tells stale close events apart. */
    private record Bound(SmppClientSession transmitter, SmppClientSession receiver, long generation) {
        boolean alive() {
            return transmitter.getSessionState().isBound() && receiver.getSessionState().isBound();
        }

        void close(boolean unbind) {
            for (SMPPSession s : receiver == transmitter ? new SMPPSession[] {transmitter}
                    : new SMPPSession[] {transmitter, receiver}) {
                if (unbind) {
                    Unbinding.unbindAndClose(s);
                } else {
                    s.close();
                }
            }
        }
    }

    private final SmppSettings settings;
    private final String sender;
    private final MessageReceiverListener receiver;
    private final StateReporter state;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private volatile Bound bound;
    private volatile boolean closed;
    private long generation; // only touched on the scheduler thread
    private int failures; // only touched on the scheduler thread

    SmppConnection(SmppSettings settings, String sender, MessageReceiverListener receiver, StateReporter state,
            ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.sender = sender;
        this.receiver = receiver;
        this.state = state;
        this.scheduler = scheduler;
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax());
    }

    void open() {
        state.set(SenderState.CONNECTING);
        scheduler.execute(this::connect);
    }

    /** The session to submit (and query) on, or null while not bound. */
    SmppClientSession transmitter() {
        Bound b = bound;
        return b == null ? null : b.transmitter();
    }

    private void connect() {
        if (closed) {
            return;
        }
        long gen = ++generation;
        try {
            Bound b;
            if (settings.binds() == SmppSettings.Binds.TRX) {
                SmppClientSession trx = bind(BindType.BIND_TRX, gen);
                b = new Bound(trx, trx, gen);
            } else {
                SmppClientSession tx = bind(BindType.BIND_TX, gen);
                try {
                    b = new Bound(tx, bind(BindType.BIND_RX, gen), gen);
                } catch (IOException e) {
                    Unbinding.unbindAndClose(tx);
                    throw e;
                }
            }
            bound = b;
            failures = 0;
            if (!closed) {
                state.set(SenderState.CONNECTED);
            }
            if (closed || !b.alive()) {
                lost(gen); // closed between bind_resp and here: its close event found nothing to act on
            }
        } catch (IOException | RuntimeException e) {
            if (closed) {
                return;
            }
            int attempt = failures++;
            boolean refused = isRefused(e);
            log.warn("SMPP sender {}: bind to {}:{} failed ({}), retrying", sender, settings.host(), settings.port(),
                    e.getMessage());
            // credentials refused need a person; we keep trying (they may be fixed SMSC-side) but say so
            state.set(refused ? SenderState.FAILED : SenderState.RECONNECTING);
            retryLater(attempt);
        }
    }

    private SmppClientSession bind(BindType type, long gen) throws IOException {
        // DeferredAcks still synchronizes each PDU on the stream, which now holds it for a copy only
        SmppClientSession session = new SmppClientSession(new DeferredAcks(new DefaultPDUSender()),
                new DefaultPDUReader(), new TimedConnectionFactory((int) settings.submitTimeout().toMillis(),
                        writerName(type)));
        session.setEnquireLinkTimer(settings.enquireLinkSeconds() * 1_000);
        session.setTransactionTimer(settings.submitTimeout().toMillis());
        session.setQueueCapacity(1_000);
        // every incoming PDU, submit_sm_resp included, runs on this pool; receipts no longer hold a
        // thread until stored (DeferredAcks), but MO are stored before they are answered
        session.setPduProcessorDegree(PDU_THREADS);
        session.setMessageReceiverListener(receiver);
        session.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED && oldState.isBound() || newState == SessionState.UNBOUND) {
                try {
                    scheduler.execute(() -> lost(gen));
                } catch (RejectedExecutionException e) {
                    // the adapter is closing: nothing to rebind
                }
            }
        });
        try {
            session.connectAndBind(settings.host(), settings.port(), new BindParameter(type, settings.systemId(),
                    settings.password(), settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                    null), settings.submitTimeout().toMillis());
            return session;
        } catch (IOException | RuntimeException e) {
            session.close(); // jSMPP leaves the socket open when a bind parameter is refused locally
            throw e;
        }
    }

    /** Names the connection's writer thread after the sender and the bind: smpp-12/Main-tx-writer. */
    private String writerName(BindType type) {
        return "smpp-" + sender + "-" + type.name().toLowerCase(java.util.Locale.ROOT).replace("bind_", "") + "-writer";
    }

    /** On the scheduler thread: the bind of {@code gen} is gone; close what is left and rebind. */
    private void lost(long gen) {
        Bound b = bound;
        if (b == null || b.generation() != gen) {
            return; // already handled (a TX+RX pair reports twice), or an old bind
        }
        bound = null;
        b.close(false); // the line is broken or the SMSC said goodbye: no point waiting for unbind_resp
        if (closed) {
            return;
        }
        log.warn("SMPP sender {}: connection to {}:{} lost, rebinding", sender, settings.host(), settings.port());
        state.set(SenderState.RECONNECTING);
        retryLater(failures++);
    }

    private void retryLater(int attempt) {
        if (!closed) {
            long delay = backoff.delay(attempt, ThreadLocalRandom.current()::nextDouble).toMillis();
            try {
                scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
    }

    private static boolean isRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NegativeResponseException n) {
                int status = n.getCommandStatus();
                return status == SmppStatus.ESME_RINVPASWD || status == SmppStatus.ESME_RINVSYSID
                        || status == SmppStatus.ESME_RBINDFAIL;
            }
        }
        return false;
    }

    /** Unbinds and stops rebinding; waits at most {@link Unbinding#WAIT} per session. */
    @Override
    public void close() {
        closed = true;
        Bound b = bound;
        bound = null;
        if (b != null) {
            b.close(true);
        }
        state.close();
    }

    /**
     * jSMPP's default factory connects without a timeout; a black-holed SMSC would hang the binder.
     * Its connections write through one coalescing writer thread each ({@link CoalescingConnection}).
     */
    private record TimedConnectionFactory(int timeoutMs, String writerName) implements ConnectionFactory {
        @Override
        public org.jsmpp.session.connection.Connection createConnection(String host, int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), timeoutMs);
                return new CoalescingConnection(socket, writerName);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }
    }
}
