package dev.recado.channels.sandbox;

import dev.recado.common.FieldProblem;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.SubmitOutcome;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The sandbox twin of a rich channel: no settings, always connected; each message is delivered to
 * the channel's {@link SandboxHandset} under a provider id of its own and reported delivered at once.
 * Subclasses give the real provider's capabilities and content plan, so the twin takes exactly what
 * the real sender takes.
 */
abstract class SandboxTwinFactory implements ChannelAdapterFactory {

    private final SandboxHandset handset;
    private final Clock clock;
    private final String provider;
    private final String channel;

    SandboxTwinFactory(SandboxHandset handset, Clock clock, String provider, String channel) {
        this.handset = handset;
        this.clock = clock;
        this.provider = provider;
        this.channel = channel;
    }

    /** A provider id shaped like the real provider's. */
    abstract String newProviderId(OutboundMessage message);

    /** What the real adapter does once connected (WhatsApp reads the account's templates); nothing by default. */
    void connected(SenderConfig config, AdapterListener listener) {
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public Set<String> settingNames() {
        return Set.of();
    }

    @Override
    public Set<String> secretSettingNames() {
        return Set.of();
    }

    @Override
    public List<FieldProblem> validate(Map<String, Object> settings) {
        return settings.keySet().stream().filter(k -> !settingNames().contains(k)).sorted()
                .map(k -> new FieldProblem(k, "is not a setting of provider " + provider)).toList();
    }

    @Override
    public ChannelAdapter open(SenderConfig config, AdapterListener listener) {
        handset.opened(config, listener);
        listener.onStateChange(SenderState.CONNECTED);
        connected(config, listener);
        return new ChannelAdapter() {
            @Override
            public CompletableFuture<SubmitOutcome> submit(OutboundMessage message) {
                String id = newProviderId(message);
                try {
                    handset.deliver(config.workspaceId(), message.reference(), id, message.to(), message.content());
                } catch (RuntimeException e) {
                    return CompletableFuture.completedFuture(
                            new SubmitOutcome.Transient("sandbox_error", String.valueOf(e.getMessage()), false, null));
                }
                // the handset has it: delivered, reported as the provider would after the send's answer
                listener.onReceipt(new ProviderReceipt(id, ProviderReceipt.ReceiptState.DELIVERED, null, null, clock.instant()));
                return CompletableFuture.completedFuture(new SubmitOutcome.Accepted(List.of(id)));
            }

            @Override
            public SenderState state() {
                return SenderState.CONNECTED;
            }

            @Override
            public void close() {
                handset.closed(config, listener);
            }
        };
    }
}
