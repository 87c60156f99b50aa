package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Graph's documented error objects at send time, and what each does to the message or the sender. */
@RecadoTest
class WhatsAppErrorsApiTest extends WhatsAppTestBase {

    /**
     * WhatsApp charges on delivery and this Graph sends no receipts, so every message that leaves
     * keeps its reservation: this class's ten marketing-priced templates that go out reserve 0.60,
     * the whole trial credit, and a send made while the others are still reserved was refused with
     * insufficient_balance unless some other class had left the prices or the balance otherwise.
     */
    @BeforeAll
    void topUp() {
        long workspace = jdbc.sql("select workspace_id from senders where id = :s").param("s", wa.senderId())
                .query(Long.class).single();
        var credit = wa.api.post("/v1/workspaces/" + PublicId.of("ws_", workspace) + "/credit", ApiClient.PLATFORM_KEY,
                "{\"amount\":10}");
        assertThat(credit.status()).as(credit.body()).isEqualTo(201);
    }

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
    void thePairRateHoldsThatUserWithAGrowingWaitWhileOthersGoAtFullRate() {
        String slow = WhatsAppFixture.newCustomer();
        wa.graph.failFor(slow, 400, 131056, "Pair rate limit hit", 3);
        String held = template(slow);
        await().atMost(Duration.ofSeconds(20)).until(() -> wa.graph.attemptsByRecipient.containsKey(slow));
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            others.add(template(WhatsAppFixture.newCustomer()));
        }
        others.forEach(id -> wa.awaitStatus(id, "sent"));
        // not sent before its holds (1 + 2 + 4 s) are over; it may be on its way to another refusal
        var message = wa.api.get("/v1/messages/" + held, wa.key);
        assertThat(message.text("status")).isIn("queued", "sending");
        assertThat(message.text("error_code")).isEqualTo("whatsapp_pair_rate");
        assertThat(wa.api.get("/v1/senders/" + wa.sender, wa.key).text("status")).isEqualTo("connected");
        await().atMost(Duration.ofSeconds(60)).until(() -> "sent".equals(wa.api.get("/v1/messages/" + held, wa.key).text("status")));
        assertThat(wa.graph.attemptsByRecipient.get(slow).get()).isEqualTo(4);
        // three refusals in a row: the hold (in the database, for every node) doubled twice
        assertThat(jdbc.sql("select strikes from recipient_holds where sender_id = :s and recipient = :r")
                .param("s", wa.senderId()).param("r", "+" + slow).query(Integer.class).single()).isEqualTo(3);
        var times = wa.graph.attemptTimes(slow);
        // 1 s, 2 s and 4 s with the test's base: at least 7 s from the first refusal to the send
        assertThat(times.get(3) - times.get(0)).isGreaterThanOrEqualTo(7_000);
    }

    @Test
    void aRecipientOnHoldIsNotSubmittedUntilTheHoldEndsWhoeverSetIt() {
        String paused = WhatsAppFixture.newCustomer();
        Instant until = Instant.now().plusSeconds(4);
        // as another node's refusal leaves it
        jdbc.sql("insert into recipient_holds (sender_id, recipient, until, strikes) values (:s, :r, :u, 1)")
                .param("s", wa.senderId()).param("r", "+" + paused).param("u", java.sql.Timestamp.from(until)).update();
        String waiting = template(paused);
        String other = template(WhatsAppFixture.newCustomer());
        wa.awaitStatus(other, "sent");
        await().atMost(Duration.ofSeconds(20)).until(() -> "recipient_paced".equals(
                wa.api.get("/v1/messages/" + waiting, wa.key).text("error_code")));
        assertThat(wa.api.get("/v1/messages/" + waiting, wa.key).text("status")).isEqualTo("queued");
        assertThat(wa.graph.attemptsByRecipient).doesNotContainKey(paused);
        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(wa.api.get("/v1/messages/" + waiting, wa.key).text("status")));
        assertThat(wa.graph.attemptTimes(paused).get(0)).isGreaterThanOrEqualTo(until.toEpochMilli());
    }

    @Test
    void waitingOutAHoldIsNotAnAttempt() {
        String paused = WhatsAppFixture.newCustomer();
        jdbc.sql("insert into recipient_holds (sender_id, recipient, until, strikes) values (:s, :r, :u, 1)")
                .param("s", wa.senderId()).param("r", "+" + paused)
                .param("u", java.sql.Timestamp.from(Instant.now().plusSeconds(3))).update();
        String waiting = template(paused);
        long id = Long.parseLong(waiting.substring(4), 36);
        // claimed and put back unsubmitted: the claim's attempt is taken back, so waiting never fails it
        await().atMost(Duration.ofSeconds(20)).until(() -> "recipient_paced".equals(
                wa.api.get("/v1/messages/" + waiting, wa.key).text("error_code")));
        assertThat(jdbc.sql("select attempts from messages where id = :id").param("id", id).query(Integer.class).single())
                .isZero();
        wa.awaitStatus(waiting, "sent");
        assertThat(jdbc.sql("select attempts from messages where id = :id").param("id", id).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(wa.graph.attemptsByRecipient.get(paused).get()).isEqualTo(1);
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

    @Test
    void aConnectedSendersTestStillAsksTheGraph() throws Exception {
        try (var own = new WhatsAppFixture(wa.api, jdbc)) {
            // revoked at Meta while nothing is being sent: the running sender still says connected
            own.graph.token = "EAAG-revoked-elsewhere-0123456789";
            assertThat(own.api.get("/v1/senders/" + own.sender, own.key).text("status")).isEqualTo("connected");
            var tested = own.api.post("/v1/senders/" + own.sender + "/test", own.key, "{}");
            assertThat(tested.status()).as(tested.body()).isEqualTo(200);
            assertThat(tested.json().path("connected").asBoolean()).as(tested.body()).isFalse();
            assertThat(tested.text("detail")).contains("code 190").contains("Error validating access token");

            own.graph.token = WhatsAppFixture.TOKEN;
            var again = own.api.post("/v1/senders/" + own.sender + "/test", own.key, "{}");
            assertThat(again.json().path("connected").asBoolean()).as(again.body()).isTrue();
            assertThat(again.json().has("detail")).as(again.body()).isTrue();
        }
    }
}
