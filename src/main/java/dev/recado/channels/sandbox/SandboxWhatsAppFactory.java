package dev.recado.channels.sandbox;

import dev.recado.channels.whatsapp.WhatsAppAdapterFactory;
import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ChannelCapabilities;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.ProviderTemplate;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.TemplateSubmission;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
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
class SandboxWhatsAppFactory extends SandboxTwinFactory {

    SandboxWhatsAppFactory(SandboxWhatsApp handset, Clock clock) {
        super(handset, clock, "sandbox_whatsapp", "whatsapp");
    }

    @Override
    String newProviderId(OutboundMessage message) {
        return "wamid.sandbox." + UUID.randomUUID();
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
    public boolean chargesOnDelivery() {
        return true;
    }

    @Override
    public boolean submitsTemplates() {
        return true;
    }

    @Override
    public List<FieldProblem> checkTemplate(TemplateSubmission template) {
        return WhatsAppAdapterFactory.checkWhatsAppTemplate(template);
    }

    /** The sandbox has no reviewer: a template that passes Meta's rules is approved at once. */
    @Override
    public ProviderTemplate submitTemplate(SenderConfig config, TemplateSubmission template) {
        return new ProviderTemplate(template.name(), template.language(),
                template.category().toLowerCase(java.util.Locale.ROOT), "approved", null,
                "sandbox." + UUID.randomUUID(), null);
    }
}
