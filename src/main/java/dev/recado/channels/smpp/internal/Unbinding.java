package dev.recado.channels.smpp.internal;

import java.time.Duration;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.AbstractSession;

/**
 * Unbinds politely but never waits long. jSMPP does not fail a pending unbind when the socket closes
 * under it, and the peer often closes right after its unbind_resp (whose bytes a TCP reset may then
 * discard), so waiting on jSMPP alone could take the whole response timeout.
 */
final class Unbinding {

    static final Duration WAIT = Duration.ofSeconds(2);

    private Unbinding() {
    }

    /** Starts unbind, waits until it answers, the socket closes or {@link #WAIT} passes, then closes. */
    static void unbindAndClose(AbstractSession session) {
        Thread unbinding = Thread.ofVirtual().start(session::unbindAndClose);
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (unbinding.isAlive() && session.getSessionState() != SessionState.CLOSED
                    && System.nanoTime() < deadline) {
                unbinding.join(Duration.ofMillis(20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.close();
    }
}
