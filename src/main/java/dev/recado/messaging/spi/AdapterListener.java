package dev.recado.messaging.spi;

import java.util.concurrent.CompletableFuture;

/**
 * How an adapter reports what the provider tells it. Calls arrive on the adapter's threads and must
 * return quickly: implementations only hand off.
 */
public interface AdapterListener {

    /**
     * Hands a receipt over; the future completes once it is durable. An adapter acknowledges the
     * provider only then (and asks for a redelivery if it fails), without holding a thread meanwhile.
     */
    CompletableFuture<Void> onReceipt(ProviderReceipt receipt);

    void onInbound(ProviderInbound inbound);

    /**
     * Records what the provider said about a destination (bounces, complaints); durable when it
     * returns, so the adapter may then drop the provider's report. Repeating a report about the same
     * message changes nothing.
     */
    default void onDestinationReport(DestinationReport report) {
        throw new UnsupportedOperationException("this listener takes no destination reports");
    }

    void onStateChange(SenderState state);

    /**
     * The provider's templates for this account, the whole list as last read; what is not in it is
     * no longer there. Providers without templates never call it.
     */
    default void onTemplates(java.util.List<ProviderTemplate> templates) {
        onTemplates(templates, null);
    }

    /**
     * As {@link #onTemplates(java.util.List)}, read from {@code readStartedAt} on (the engine's clock):
     * a template stored after that (submitted while the list was read) is newer than the list and
     * stays even when the list lacks it.
     */
    default void onTemplates(java.util.List<ProviderTemplate> templates, java.time.Instant readStartedAt) {
    }

    /**
     * Whether the engine holds any template of this sender (from an earlier read or a submission).
     * For a provider whose list changes only through the engine (the sandbox twin), a list held is
     * the list: nothing to read again.
     */
    default boolean holdsTemplates() {
        return false;
    }
}
