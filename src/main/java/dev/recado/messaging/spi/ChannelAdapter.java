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
     * The same, calling {@code written} at the moment the request is written to the provider, for an
     * adapter that hands it to a client which writes it later on a thread of its own. The dispatcher
     * counts its pace from that moment, since the provider counts arrivals. By default the request is
     * taken as written when handed over, and {@code written} is not called.
     */
    default CompletableFuture<SubmitOutcome> submit(OutboundMessage message, Runnable written) {
        return submit(message);
    }

    /**
     * After a crash: what the provider knows of messages that were being submitted when the process
     * died. The default knows nothing, and the engine then fails such a message rather than risk
     * sending it twice.
     */
    default List<Reconciliation> reconcile(List<OutboundMessage> inFlight) {
        return inFlight.stream().map(m -> Reconciliation.unknown(m.messageId())).toList();
    }

    /**
     * Downloads the file of an inbound message by the provider's media id into {@code into}, at most
     * {@code maxBytes} (more throws {@link InboundMedia.Refused} and leaves no partial file), its
     * digest checked against the provider's when it gives one. Blocking; called from a worker.
     */
    default InboundMedia fetchMedia(String mediaId, java.nio.file.Path into)
            throws java.io.IOException, InterruptedException {
        throw new InboundMedia.Refused("this channel does not download media");
    }

    /** Tells the provider the customer's message was read (WhatsApp's blue ticks). Blocking. */
    default void markRead(String providerMessageId) throws java.io.IOException, InterruptedException {
    }

    /** The same, for providers that address the read event to the customer ({@code from}: their phone or id), as RBM. */
    default void markRead(String providerMessageId, String from) throws java.io.IOException, InterruptedException {
        markRead(providerMessageId);
    }

    /**
     * Shows the customer that an agent is typing a reply to their message ({@code providerMessageId},
     * from {@code from}: their phone, chat or visitor id), for the few seconds the provider keeps it.
     * Best effort and blocking; only called for channels whose capabilities declare
     * {@link ChannelCapabilities#typingIndicator()}.
     */
    default void typing(String providerMessageId, String from) throws java.io.IOException, InterruptedException {
    }

    SenderState state();

    @Override
    void close();
}
