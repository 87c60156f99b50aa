package dev.recado.messaging.spi;

/**
 * An adapter's state as it tells the engine: each change reported once; {@code FAILED} (a refused
 * token) sticks until the sender is reconfigured, which opens a new adapter; closed reads as
 * {@code DISCONNECTED}.
 */
public final class StickyState {

    private final AdapterListener listener;
    private SenderState state = SenderState.CONNECTING;
    private volatile boolean closed;

    public StickyState(AdapterListener listener) {
        this.listener = listener;
    }

    public synchronized void set(SenderState next) {
        if (state != next && !closed && state != SenderState.FAILED) {
            state = next;
            listener.onStateChange(next);
        }
    }

    public synchronized SenderState get() {
        return closed ? SenderState.DISCONNECTED : state;
    }

    public boolean closed() {
        return closed;
    }

    public void close() {
        closed = true;
    }
}
