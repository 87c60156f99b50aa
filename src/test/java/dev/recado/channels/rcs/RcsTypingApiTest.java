package dev.recado.channels.rcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An agent typing a reply: an {@code IS_TYPING} agent event to the customer's number, once per interval. */
@RecadoTest
class RcsTypingApiTest extends RcsTestBase {

    @Test
    void typingAReplySendsAnIsTypingAgentEventToTheCustomer() {
        String customer = RcsFixture.newCustomer();
        rcs.post(RcsFixture.userMessage(customer, "MsG" + UUID.randomUUID(), "\"text\":\"¿Tenéis cita el martes?\""));
        await().atMost(Duration.ofSeconds(20)).until(() -> rcs.inboundCount(customer) == 1);
        long id = jdbc.sql("select id from messages where direction = 'inbound' and sender_id = :s and from_address = :f")
                .param("s", rcs.senderId()).param("f", customer).query(Long.class).single();
        String inbound = "msg_" + Long.toString(id, 36);

        var shown = rcs.api.post("/v1/messages/" + inbound + "/typing", rcs.key, "");
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.text("typing")).isEqualTo("shown");
        assertThat(rcs.api.post("/v1/messages/" + inbound + "/typing", rcs.key, "").text("typing")).isEqualTo("throttled");
        // the fake refuses an event without a UUID event id or of an unknown type, so this is RBM's shape
        assertThat(rcs.rbm.agentEvents.stream().filter(e -> e.startsWith(customer + " IS_TYPING"))).hasSize(1);
    }
}
