package dev.recado.channels.sandbox;

import dev.recado.channels.rcs.RbmAdapterFactory;
import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.ChannelCapabilities;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.SubmitOutcome;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Provider {@code sandbox_rcs}: the RCS channel's sandbox twin. It takes exactly what the RBM sender
 * takes (the same content rules), delivers to the {@link SandboxRcs} handset and reports it delivered;
 * the handset's answers and tapped suggestions come back as inbound RCS messages.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
class SandboxRcsFactory implements ChannelAdapterFactory {

    private final SandboxRcs handset;
    private final Clock clock;

    SandboxRcsFactory(SandboxRcs handset, Clock clock) {
        this.handset = handset;
        this.clock = clock;
    }

    @Override
    public String provider() {
        return "sandbox_rcs";
    }

    @Override
    public String channel() {
        return "rcs";
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
        return settings.keySet().stream().sorted().map(k -> new FieldProblem(k, "is not a setting of provider sandbox_rcs")).toList();
    }

    @Override
    public ChannelCapabilities capabilities() {
        return RbmAdapterFactory.CAPABILITIES;
    }

    @Override
    public ContentPlan plan(Content content, boolean smartEncoding) {
        return RbmAdapterFactory.planRcs(content);
    }

    @Override
    public ChannelAdapter open(SenderConfig config, AdapterListener listener) {
        handset.opened(config.workspaceId(), listener);
        listener.onStateChange(SenderState.CONNECTED);
        return new ChannelAdapter() {
            @Override
            public CompletableFuture<SubmitOutcome> submit(OutboundMessage message) {
                String id = UUID.randomUUID().toString();
                try {
                    handset.deliver(config.workspaceId(), message.reference(), id, message.to(), message.content());
                } catch (RuntimeException e) {
                    return CompletableFuture.completedFuture(
                            new SubmitOutcome.Transient("sandbox_error", String.valueOf(e.getMessage()), false, null));
                }
                listener.onReceipt(new ProviderReceipt(id, ProviderReceipt.ReceiptState.DELIVERED, null, null, clock.instant()));
                return CompletableFuture.completedFuture(new SubmitOutcome.Accepted(List.of(id)));
            }

            @Override
            public SenderState state() {
                return SenderState.CONNECTED;
            }

            @Override
            public void close() {
                handset.closed(config.workspaceId(), listener);
            }
        };
    }
}
