package dev.recado.channels.sandbox;

import dev.recado.channels.rcs.RbmAdapterFactory;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ChannelCapabilities;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.OutboundMessage;
import java.time.Clock;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Provider {@code sandbox_rcs}: the RCS channel's sandbox twin. It takes exactly what the RBM sender
 * takes (the same content rules), delivers to the {@link SandboxRcs} handset under a UUID as RBM's
 * message ids are, and reports it delivered; the handset's answers and tapped suggestions come back
 * as inbound RCS messages. Every number is RCS-capable here.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
class SandboxRcsFactory extends SandboxTwinFactory {

    SandboxRcsFactory(SandboxRcs handset, Clock clock) {
        super(handset, clock, "sandbox_rcs", "rcs");
    }

    @Override
    String newProviderId(OutboundMessage message) {
        return UUID.randomUUID().toString();
    }

    @Override
    public ChannelCapabilities capabilities() {
        return RbmAdapterFactory.CAPABILITIES;
    }

    @Override
    public ContentPlan plan(Content content, boolean smartEncoding) {
        return RbmAdapterFactory.planRcs(content);
    }
}
