package dev.recado.channels.sandbox;

import dev.recado.messaging.Content;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sandbox's WhatsApp handset: messages a {@code sandbox_whatsapp} sender delivered (in
 * {@code sandbox_whatsapp}), and the customer's replies (text or a tapped button), handed to the
 * workspace's sandbox WhatsApp sender as a real inbound message, which opens the service window.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
public class SandboxWhatsApp extends SandboxHandset {

    SandboxWhatsApp(JdbcClient jdbc, Clock clock) {
        super(jdbc, clock, "whatsapp", "sandbox_whatsapp", "wamid");
    }

    @Override
    Content.Reply tap(String buttonId, String title) {
        return new Content.Reply("button_reply", buttonId, title);
    }

    @Override
    String inboundId() {
        return "wamid.sandbox.in." + newId();
    }
}
