package dev.recado.channels.rcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RBM's webhooks posted over a socket: the signature, redeliveries, delivery events and what users send. */
@RecadoTest
class RcsWebhookApiTest extends RcsTestBase {

    @Test
    void aBadOrMissingSignatureIs401AndStoresNothing() {
        String customer = RcsFixture.newCustomer();
        String event = RcsFixture.userMessage(customer, "forged-" + UUID.randomUUID(), "\"text\":\"forged\"");
        String envelope = RcsFixture.envelope(event);
        long events = jdbc.sql("select count(*) from provider_events").query(Long.class).single();
        assertThat(rcs.post(envelope, RcsFixture.sign("NOT-THE-CLIENT-TOKEN", event)).statusCode()).isEqualTo(401);
        assertThat(rcs.post(envelope, null).statusCode()).isEqualTo(401);
        assertThat(rcs.post(envelope, "%%not base64%%").statusCode()).isEqualTo(401);
        // signed over another event than the one carried
        assertThat(rcs.post(envelope, RcsFixture.sign(RcsFixture.CLIENT_TOKEN, event + " ")).statusCode()).isEqualTo(401);
        assertThat(rcs.post("not json", RcsFixture.sign(RcsFixture.CLIENT_TOKEN, event)).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from provider_events").query(Long.class).single()).isEqualTo(events);
        assertThat(rcs.inboundCount(customer)).isZero();
        assertThat(jdbc.sql("select count(*) from contacts where phone = :p").param("p", customer).query(Long.class).single()).isZero();
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String customer = RcsFixture.newCustomer();
        String event = RcsFixture.userMessage(customer, "MsG" + UUID.randomUUID(), "\"text\":\"¿Abrís el domingo?\"");
        String envelope = RcsFixture.envelope(event);
        String signature = RcsFixture.sign(RcsFixture.CLIENT_TOKEN, event);
        assertThat(rcs.post(envelope, signature).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> rcs.inboundCount(customer) == 1);
        var again = rcs.post(envelope, signature);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\":true");
        // RBM retries in a new envelope (another Pub/Sub message id): still the same message
        var retried = rcs.post(event);
        assertThat(retried.body()).contains("\"duplicate\":true");
        rcs.awaitProcessed();
        assertThat(rcs.inboundCount(customer)).isEqualTo(1);

        var sent = rcs.send("{\"to\":\"" + customer + "\",\"channel\":\"rcs\",\"body\":\"Sí, de 10 a 14\"}");
        rcs.awaitStatus(sent.text("id"), "sent");
        String id = rcs.message(sent.text("id")).text("provider_id");
        String delivered = RcsFixture.userEvent(customer, "DELIVERED", id);
        assertThat(rcs.post(delivered).statusCode()).isEqualTo(200);
        rcs.awaitStatus(sent.text("id"), "delivered");
        assertThat(rcs.post(RcsFixture.userEvent(customer, "IS_TYPING", id)).statusCode()).isEqualTo(200);
        assertThat(rcs.post(RcsFixture.userEvent(customer, "READ", id)).statusCode()).isEqualTo(200);
        rcs.awaitStatus(sent.text("id"), "read");
        assertThat(rcs.post(delivered).body()).contains("\"duplicate\":true");
        rcs.awaitProcessed();
        var events = rcs.message(sent.text("id")).json().get("events");
        assertThat(events.toString()).contains("delivered").contains("read");
        assertThat(rcs.message(sent.text("id")).text("status")).isEqualTo("read");
    }

    @Test
    void aTappedSuggestionAndALocationComeBackOnTheContact() {
        String customer = RcsFixture.newCustomer();
        rcs.post(RcsFixture.userMessage(customer, "MsG" + UUID.randomUUID(),
                "\"suggestionResponse\":{\"postbackData\":\"buy_volt\",\"text\":\"Lo quiero\",\"type\":\"REPLY\"}"));
        rcs.post(RcsFixture.userMessage(customer, "MsG" + UUID.randomUUID(),
                "\"location\":{\"latitude\":40.4168,\"longitude\":-3.7038}"));
        await().atMost(Duration.ofSeconds(20)).until(() -> rcs.inboundCount(customer) == 2);
        var rows = jdbc.sql("select body, content, channel from messages where sender_id = :s and from_address = :f order by id")
                .param("s", rcs.senderId()).param("f", customer)
                .query((rs, n) -> rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3)).list();
        assertThat(rows.get(0)).contains("Lo quiero").contains("\"type\":\"reply\"").contains("\"id\":\"buy_volt\"").endsWith("rcs");
        assertThat(rows.get(1)).contains("\"type\":\"location\"").contains("40.4168");
    }

    @Test
    void aStoredMessageIsMarkedReadWithAnAgentEvent() {
        String customer = RcsFixture.newCustomer();
        String id = "MsG" + UUID.randomUUID();
        assertThat(rcs.post(RcsFixture.userMessage(customer, id, "\"text\":\"¿Hay envío a Cádiz?\"")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> rcs.rbm.agentEvents.contains(customer + " READ " + id));
        assertThat(rcs.rbm.agentEvents.stream().filter(e -> e.endsWith(id))).hasSize(1);
    }

    @Test
    void aUsersFileIsFetchedIntoTheMediaStore() throws Exception {
        String customer = RcsFixture.newCustomer();
        byte[] photo = new byte[70_000];
        new java.util.Random(7).nextBytes(photo);
        rcs.rbm.files.put("f-" + customer.substring(1) + ".jpg", photo);
        String uri = rcs.rbm.baseUrl() + "/files/f-" + customer.substring(1) + ".jpg";
        assertThat(rcs.post(RcsFixture.userMessage(customer, "MsG" + UUID.randomUUID(), "\"userFile\":{\"payload\":{"
                + "\"mimeType\":\"image/jpeg\",\"fileSizeBytes\":70000,\"fileUri\":\"" + uri + "\",\"fileName\":\"foto.jpg\"}}"))
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> rcs.inboundCount(customer) == 1);
        long id = jdbc.sql("select id from messages where sender_id = :s and from_address = :f").param("s", rcs.senderId())
                .param("f", customer).query(Long.class).single();
        String msg = dev.recado.common.PublicId.of("msg_", id);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                rcs.api.get("/v1/messages/" + msg, rcs.key).json().path("media").path("status").asString()).isEqualTo("stored"));
        var media = rcs.api.get("/v1/messages/" + msg, rcs.key).json().path("media");
        assertThat(media.path("kind").asString()).isEqualTo("image");
        assertThat(media.path("filename").asString()).isEqualTo("foto.jpg");
        assertThat(media.path("sha256").asString()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(photo)));
    }
}
