package dev.recado.channels.sandbox;

import dev.recado.channels.whatsapp.WhatsAppAdapterFactory;
import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelCapabilities;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.ProviderTemplate;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.TemplateSubmission;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Provider {@code sandbox_whatsapp}: the WhatsApp channel's sandbox twin. It takes exactly what the
 * Cloud API sender takes (the same content rules and the same service window, kept by the engine),
 * delivers to the {@link SandboxWhatsApp} handset with a wamid of its own and reports it delivered;
 * the handset's replies come back as inbound WhatsApp messages. Its templates are kept like a WABA's
 * ({@link SandboxWhatsAppTemplates}): read once connected while the engine holds none of them, and by
 * "Sync now"; submitted ones approved.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
class SandboxWhatsAppFactory extends SandboxTwinFactory {

    private static final Logger log = LoggerFactory.getLogger(SandboxWhatsAppFactory.class);

    private final SandboxWhatsAppTemplates templates;
    private final Clock clock;

    SandboxWhatsAppFactory(SandboxWhatsApp handset, SandboxWhatsAppTemplates templates, Clock clock) {
        super(handset, clock, "sandbox_whatsapp", "whatsapp");
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * Meta's adapter reads the account's templates once connected: so does the twin, on a thread of
     * its own as the real one's (the engine stores them in a transaction of its own).
     */
    @Override
    void connected(SenderConfig config, AdapterListener listener) {
        Thread.ofVirtual().name("sandbox-templates-" + config.senderId()).start(() -> listIfNoneHeld(config, listener));
    }

    /**
     * Hands the twin's list over only when the engine holds none of this sender's templates yet.
     * Every node opens every sender, at every start and after every change, and a workspace in
     * sandbox mode has a twin of its own: reading each again on each opening rewrote the same rows
     * from every node. The twin's list changes only through the engine, which stores a submission
     * as it is made, so once held it stays right; "Sync now" (readTemplates) still reads it whole.
     */
    void listIfNoneHeld(SenderConfig config, AdapterListener listener) {
        Instant asked = clock.instant();
        try {
            if (!listener.holdsTemplates()) {
                listener.onTemplates(templates.list(config.senderId()), asked);
            }
        } catch (RuntimeException e) {
            log.warn("Sender {}: storing the sandbox templates failed ({}); Sync now reads them again",
                    config.senderId(), e.toString());
        }
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
    public ProviderTemplate submitTemplate(SenderConfig config, TemplateSubmission template) throws TemplateRefused {
        return templates.submit(config.senderId(), template.name(), template.language(), template.category());
    }

    @Override
    public boolean syncsTemplates() {
        return true;
    }

    @Override
    public Optional<List<ProviderTemplate>> readTemplates(SenderConfig config) {
        return Optional.of(templates.list(config.senderId()));
    }
}
