package dev.recado.channels.smpp.internal;

import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.SenderState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's visible state, reported to the listener only when it changes. THROTTLED overlays
 * CONNECTED: set by a throttling answer, cleared by the next accepted submit; a connection change
 * replaces it.
 */
final class StateReporter {

    private static final Logger log = LoggerFactory.getLogger(StateReporter.class);

    private final AdapterListener listener;
    private final String sender;
    private SenderState current;
    private boolean closed;

    StateReporter(AdapterListener listener, String sender) {
        this.listener = listener;
        this.sender = sender;
    }

    synchronized void set(SenderState state) {
        if (closed || state == current) {
            return;
        }
        log.info("SMPP sender {}: {} -> {}", sender, current, state);
        current = state;
        try {
            listener.onStateChange(state);
        } catch (RuntimeException e) {
            log.warn("SMPP sender {}: state listener failed", sender, e);
        }
    }

    synchronized void throttled() {
        if (current == SenderState.CONNECTED) {
            set(SenderState.THROTTLED);
        }
    }

    synchronized void unthrottled() {
        if (current == SenderState.THROTTLED) {
            set(SenderState.CONNECTED);
        }
    }

    /** The last word: DISCONNECTED, and a bind finishing late changes nothing after it. */
    synchronized void close() {
        set(SenderState.DISCONNECTED);
        closed = true;
    }

    synchronized SenderState current() {
        return current;
    }
}
