package dev.recado.channels.sandbox;

import dev.recado.messaging.Content;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sandbox's RCS handset: texts, cards and carousels a {@code sandbox_rcs} sender delivered (in
 * {@code sandbox_rcs}), and the customer's answers — text, or a tapped suggestion whose postback data
 * comes back as an inbound reply, as RBM's {@code suggestionResponse} does.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
public class SandboxRcs extends SandboxHandset {

    SandboxRcs(JdbcClient jdbc, Clock clock) {
        super(jdbc, clock, "rcs", "sandbox_rcs", "rbm_id");
    }

    @Override
    Content.Reply tap(String postbackData, String text) {
        return new Content.Reply("suggestion", postbackData, text);
    }

    @Override
    String inboundId() {
        return "rbm.sandbox.in." + newId();
    }
}
