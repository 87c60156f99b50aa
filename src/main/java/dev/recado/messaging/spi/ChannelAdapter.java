package dev.recado.messaging.spi;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One open connection to a provider for one sender account. The dispatcher calls {@link #submit}
 * from several threads at once (up to the sender's window) and never blocks on the result.
 */
public interface ChannelAdapter extends AutoCloseable {

    /** Hands a message to the provider; the future completes with the provider's answer. */
    CompletableFuture<SubmitOutcome> submit(OutboundMessage message);

    /**
     * After a crash: what the provider knows of messages that were being submitted when the process
     * died. The default knows nothing, and the engine then fails such a message rather than risk
     * sending it twice.
     */
    default List<Reconciliation> reconcile(List<OutboundMessage> inFlight) {
        return inFlight.stream().map(m -> Reconciliation.unknown(m.messageId())).toList();
    }

    SenderState state();

    @Override
    void close();
}
