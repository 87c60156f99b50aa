package dev.recado.channels.smpp;

import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.SenderState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Collects what an adapter reports, for tests to await and assert on. */
final class RecordingListener implements AdapterListener {

    final List<ProviderReceipt> receipts = new CopyOnWriteArrayList<>();
    final List<ProviderInbound> inbound = new CopyOnWriteArrayList<>();
    final List<SenderState> states = new CopyOnWriteArrayList<>();
    /** How storing a receipt ends when not held; by default at once. Tests fail it. */
    volatile Function<ProviderReceipt, CompletableFuture<Void>> storing = r -> CompletableFuture.completedFuture(null);
    /** Stores not ended yet, while {@link #holdStoring} is in force; guarded by itself. */
    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private boolean holding;

    @Override
    public CompletableFuture<Void> onReceipt(ProviderReceipt receipt) {
        receipts.add(receipt);
        synchronized (held) {
            if (holding) {
                CompletableFuture<Void> stored = new CompletableFuture<>();
                held.add(stored);
                return stored;
            }
        }
        return storing.apply(receipt);
    }

    /** From now on no receipt's storing ends until {@link #releaseStoring}. */
    void holdStoring() {
        synchronized (held) {
            holding = true;
        }
    }

    int heldStores() {
        synchronized (held) {
            return held.size();
        }
    }

    /**
     * Ends the held stores and stops holding in one step. Each ack sent frees the SMSC to send a
     * receipt it had queued, so receipts arrive while these complete; taken apart from stopping, a
     * receipt held in between would be left unstored, unacknowledged until DeferredAcks gives up.
     */
    void releaseStoring() {
        List<CompletableFuture<Void>> release;
        synchronized (held) {
            holding = false;
            release = List.copyOf(held);
            held.clear();
        }
        // outside the lock: each completion sends its ack from this thread, and PDU threads take the lock
        release.forEach(stored -> stored.complete(null));
    }

    @Override
    public void onInbound(ProviderInbound message) {
        inbound.add(message);
    }

    @Override
    public void onStateChange(SenderState state) {
        states.add(state);
    }

    SenderState lastState() {
        return states.isEmpty() ? null : states.getLast();
    }

    Optional<ProviderReceipt> receiptFor(String providerId) {
        return receipts.stream().filter(r -> r.providerId().equals(providerId)).findFirst();
    }
}
