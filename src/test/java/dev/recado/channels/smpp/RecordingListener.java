package dev.recado.channels.smpp;

import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.SenderState;
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
    /** How storing a receipt ends; by default at once. Tests hold or fail it. */
    volatile Function<ProviderReceipt, CompletableFuture<Void>> storing = r -> CompletableFuture.completedFuture(null);

    @Override
    public CompletableFuture<Void> onReceipt(ProviderReceipt receipt) {
        receipts.add(receipt);
        return storing.apply(receipt);
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
