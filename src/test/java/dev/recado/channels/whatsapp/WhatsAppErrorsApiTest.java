package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.RecadoTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Graph's documented error objects at send time, and what each does to the message or the sender. */
@RecadoTest
class WhatsAppErrorsApiTest extends WhatsAppTestBase {

    private String template(String customer) {
        var sent = wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"whatsapp\",\"template\":{\"name\":\"hello\",\"language\":\"es\"}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        return sent.text("id");
    }

    @Test
    void finalErrorsFailTheMessageOnceWithOurCode() {
        int[] codes = {131026, 131047, 131049, 131050, 132001};
        String[] ours = {"undeliverable", "outside_customer_service_window", "marketing_limited", "marketing_opted_out",
                "whatsapp_rejected"};
        for (int i = 0; i < codes.length; i++) {
            String customer = WhatsAppFixture.newCustomer();
            wa.graph.failFor(customer, 400, codes[i], "scripted " + codes[i], 5);
            String id = template(customer);
            String body = wa.awaitStatus(id, "failed");
            assertThat(body).as("code " + codes[i]).contains("\"error_code\":\"" + ours[i] + "\"").contains(String.valueOf(codes[i]));
            assertThat(wa.graph.attemptsByRecipient.get(customer).get()).as("no retry of " + codes[i]).isEqualTo(1);
        }
    }

    @Test
    void throughputErrorsSlowDownAndRetry() {
        String customer = WhatsAppFixture.newCustomer();
        wa.graph.failFor(customer, 400, 130429, "Rate limit hit", 1);
        String id = template(customer);
        wa.awaitStatus(id, "sent");
        assertThat(wa.graph.attemptsByRecipient.get(customer).get()).isEqualTo(2);
    }

    @Test
    void thePairRateWaitsForThatUserOnly() {
        String slow = WhatsAppFixture.newCustomer();
        wa.graph.failFor(slow, 400, 131056, "Pair rate limit hit", 1);
        String held = template(slow);
        await().atMost(Duration.ofSeconds(20)).until(() -> wa.graph.attemptsByRecipient.containsKey(slow));
        String other = template(WhatsAppFixture.newCustomer());
        wa.awaitStatus(other, "sent");
        var message = wa.api.get("/v1/messages/" + held, wa.key);
        assertThat(message.text("status")).isEqualTo("queued");
        assertThat(message.text("error_code")).isEqualTo("whatsapp_pair_rate");
        assertThat(wa.api.get("/v1/senders/" + wa.sender, wa.key).text("status")).isEqualTo("connected");
    }

    @Test
    void anExpiredTokenFailsTheSenderVisiblyUntilItGetsANewOne() throws Exception {
        try (var own = new WhatsAppFixture(wa.api, jdbc)) {
            own.graph.token = "EAAG-rotated-token-9876543210";
            String customer = WhatsAppFixture.newCustomer();
            var sent = own.send("{\"to\":\"+" + customer + "\",\"channel\":\"whatsapp\",\"template\":{\"name\":\"hello\",\"language\":\"es\"}}");
            assertThat(sent.status()).as(sent.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(own.api.get("/v1/senders/" + own.sender, own.key).text("status")));
            var waiting = own.api.get("/v1/messages/" + sent.text("id"), own.key);
            assertThat(waiting.text("status")).isEqualTo("queued");
            assertThat(waiting.text("error_code")).isEqualTo("whatsapp_token_expired");
            // the connection test asks the Graph and says what Meta answered
            var tested = own.api.post("/v1/senders/" + own.sender + "/test", own.key, "{}");
            assertThat(tested.json().path("connected").asBoolean()).as(tested.body()).isFalse();
            assertThat(tested.text("detail")).contains("code 190").contains("Error validating access token");

            var patched = own.api.patch("/v1/senders/" + own.sender, own.key, "{\"access_token\":\"EAAG-rotated-token-9876543210\"}");
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(own.api.get("/v1/senders/" + own.sender, own.key).text("status")));
            own.awaitStatus(sent.text("id"), "sent");
        }
    }
}
