package dev.recado.channels.webchat.internal;

import dev.recado.messaging.Content;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.SubmitOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One widget. "Sending" is storing the line in the visitor's stream, which is as far as a provider
 * would take it: the connected page (on whichever node holds its socket) receives it at once, a page
 * that is closed on its next connect. The visitor's page reports delivered and read.
 */
public final class WebchatChannelAdapter implements ChannelAdapter {

    private static final Logger log = LoggerFactory.getLogger(WebchatChannelAdapter.class);

    private final SenderConfig config;
    private final WidgetSettings settings;
    private final AdapterListener listener;
    private final WebchatStore store;
    private final Runnable wake;
    private final ExecutorService writers;
    private final java.util.function.Consumer<WebchatChannelAdapter> onClose;

    public WebchatChannelAdapter(SenderConfig config, AdapterListener listener, WebchatStore store, Runnable wake,
            java.util.function.Consumer<WebchatChannelAdapter> onClose) {
        this.onClose = onClose;
        this.config = config;
        this.settings = WidgetSettings.from(config.settings());
        this.listener = listener;
        this.store = store;
        this.wake = wake;
        this.writers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webchat-" + config.senderId() + "-", 0).factory());
        listener.onStateChange(SenderState.CONNECTED);
    }

    public SenderConfig config() {
        return config;
    }

    public WidgetSettings settings() {
        return settings;
    }

    public AdapterListener listener() {
        return listener;
    }

    @Override
    public CompletableFuture<SubmitOutcome> submit(OutboundMessage message) {
        return CompletableFuture.supplyAsync(() -> store(message), writers);
    }

    private SubmitOutcome store(OutboundMessage message) {
        var visitor = store.byPublicId(message.to()).filter(v -> v.workspaceId() == config.workspaceId());
        if (visitor.isEmpty()) {
            return new SubmitOutcome.Permanent("unknown_visitor", "no web chat visitor " + message.to());
        }
        String text = message.content() instanceof Content.Text t ? t.body() : message.body();
        try {
            long id = store.appendOutbound(visitor.get(), config.senderId(), message.messageId(), text);
            log.debug("Sender {}: {} stored as web chat line {}", config.senderId(), message.reference(), id);
            wake.run();
            return new SubmitOutcome.Accepted(List.of(providerId(id)));
        } catch (RuntimeException e) {
            return new SubmitOutcome.Transient("webchat_store_failed", String.valueOf(e.getMessage()), false, null);
        }
    }

    /** Marks the visitor ({@code from}, its public id) as being typed to; the hub of its sockets' node shows it. */
    @Override
    public void typing(String providerMessageId, String from) {
        if (store.agentTyping(config.workspaceId(), from)) {
            wake.run();
        }
    }

    /** The provider id of an outbound line, what its delivered and read receipts name. */
    public static String providerId(long eventId) {
        return "wc:" + eventId;
    }

    @Override
    public SenderState state() {
        return SenderState.CONNECTED;
    }

    @Override
    public void close() {
        onClose.accept(this);
        writers.shutdown();
    }
}
