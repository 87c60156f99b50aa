package dev.recado.channels.sandbox;

import dev.recado.channels.whatsapp.WhatsAppAdapterFactory;
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
 * Provider {@code sandbox_whatsapp}: the WhatsApp channel's sandbox twin. It takes exactly what the
 * Cloud API sender takes (the same content rules and the same service window, kept by the engine),
 * delivers to the {@link SandboxWhatsApp} handset with a wamid of its own and reports it delivered;
 * the handset's replies come back as inbound WhatsApp messages.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
class SandboxWhatsAppFactory implements ChannelAdapterFactory {

    private final SandboxWhatsApp handset;
    private final Clock clock;

    SandboxWhatsAppFactory(SandboxWhatsApp handset, Clock clock) {
        this.handset = handset;
        this.clock = clock;
    }

    @Override
    public String provider() {
        return "sandbox_whatsapp";
    }

    @Override
    public String channel() {
        return "whatsapp";
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
        return settings.keySet().stream().sorted().map(k -> new FieldProblem(k, "is not a setting of provider sandbox_whatsapp")).toList();
    }

    @Override
    public ChannelCapabilities capabilities() {
        return WhatsAppAdapterFactory.CAPABILITIES;
    }

    @Override
    public ContentPlan plan(Content content, boolean smartEncoding) {
        return WhatsAppAdapterFactory.planWhatsApp(content);
    }

    @Override
    public int defaultRatePerSecond() {
        return 80;
    }

    @Override
    public int maxRatePerSecond() {
        return 1_000;
    }

    @Override
    public ChannelAdapter open(SenderConfig config, AdapterListener listener) {
        handset.opened(config.workspaceId(), listener);
        listener.onStateChange(SenderState.CONNECTED);
        return new ChannelAdapter() {
            @Override
            public CompletableFuture<SubmitOutcome> submit(OutboundMessage message) {
                String wamid = "wamid.sandbox." + UUID.randomUUID();
                try {
                    handset.deliver(config.workspaceId(), message.reference(), wamid, message.to(), message.content());
                } catch (RuntimeException e) {
                    return CompletableFuture.completedFuture(
                            new SubmitOutcome.Transient("sandbox_error", String.valueOf(e.getMessage()), false, null));
                }
                // the handset has it: delivered, reported as Meta would after the send's answer
                listener.onReceipt(new ProviderReceipt(wamid, ProviderReceipt.ReceiptState.DELIVERED, null, null, clock.instant()));
                return CompletableFuture.completedFuture(new SubmitOutcome.Accepted(List.of(wamid)));
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
