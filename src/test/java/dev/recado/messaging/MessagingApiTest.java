package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.smpp.SimulatedSubmission;
import dev.recado.channels.smpp.SmscSimulator;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The transactional API end to end, over a real SMPP bind to the simulator. */
@RecadoTest
class MessagingApiTest {

    static SmscSimulator smsc;

    @LocalServerPort
    int port;
    ApiClient api;
    String key;
    String sender;
    String systemId;

    @BeforeAll
    static void startSmsc() {
        smsc = SmscSimulator.onPort(0).receiptDelay(Duration.ofMillis(50)).start();
    }

    @AfterAll
    static void stopSmsc() {
        smsc.close();
    }

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Messaging " + System.nanoTime());
        systemId = "ws" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        var created = api.post("/v1/senders", key, """
                {"channel":"sms","name":"Carrier","host":"127.0.0.1","port":%d,"system_id":"%s","password":"secret1",
                 "source_address":"Recado","rate_per_second":500,"window":20}""".formatted(smsc.port(), systemId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("secret1");
        sender = created.text("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(api.get("/v1/senders/" + sender, key).text("status")));
    }

    private JsonNode send(String json) {
        var r = api.post("/v1/messages", key, json);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json();
    }

    private JsonNode awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(api.get("/v1/messages/" + id, key).text("status")));
        return api.get("/v1/messages/" + id, key).json();
    }

    @Test
    void transactionalSmsIsDeliveredChargedAndTraced() {
        var accepted = send("{\"to\":\"612 345 678\",\"body\":\"Su cita es mañana a las 10:00\"}");
        assertThat(accepted.get("status").asString()).isEqualTo("queued");
        assertThat(accepted.get("channel").asString()).isEqualTo("sms");
        assertThat(accepted.get("segments").asInt()).isEqualTo(1);
        assertThat(accepted.get("encoding").asString()).isEqualTo("gsm7");
        assertThat(accepted.get("price").decimalValue()).isEqualByComparingTo("0.04");
        String id = accepted.get("id").asString();

        var delivered = awaitStatus(id, "delivered");
        assertThat(delivered.get("provider_id").asString()).isNotBlank();
        assertThat(delivered.get("events").findValuesAsString("status")).containsExactly("accepted", "queued", "sent", "delivered");
        var times = delivered.get("events").findValuesAsString("at").stream().map(Instant::parse).toList();
        assertThat(times).as("the timeline never goes back in time").isSorted();
        var submissions = smsc.submissionsFor(id);
        assertThat(submissions).hasSize(1);
        assertThat(submissions.get(0).text()).isEqualTo("Su cita es mañana a las 10:00");
        assertThat(submissions.get(0).destination()).isEqualTo("34612345678");
        assertThat(submissions.get(0).source()).isEqualTo("Recado");

        var balance = api.get("/v1/billing/balance", key).json();
        assertThat(balance.get("balance").decimalValue()).isEqualByComparingTo("0.56");
        assertThat(balance.get("reserved").decimalValue()).isEqualByComparingTo("0");
        assertThat(api.get("/v1/billing/ledger", key).json().get("data").get(0).get("kind").asString()).isEqualTo("usage");
        assertThat(api.get("/v1/messages?status=delivered", key).json().get("data")).hasSize(1);
    }

    @Test
    void unicodeMessageGoesOutInPartsAndIsDeliveredWhenAllAre() {
        String body = "¡Oferta! 🎉 " + "Descuento especial para ti hoy. ".repeat(3);
        var accepted = send("{\"to\":\"+34612000001\",\"body\":\"" + body + "\"}");
        assertThat(accepted.get("encoding").asString()).isEqualTo("ucs2");
        assertThat(accepted.get("segments").asInt()).isEqualTo(2);
        assertThat(accepted.get("price").decimalValue()).isEqualByComparingTo("0.08");
        String id = accepted.get("id").asString();
        awaitStatus(id, "delivered");
        var parts = smsc.submissionsFor(id);
        assertThat(parts).hasSize(2).allMatch(SimulatedSubmission::multipart);
        assertThat(parts.get(0).text() + parts.get(1).text()).isEqualTo(body);
    }

    @Test
    void refusalsHaveStableCodesAndWriteNothing() {
        assertThat(code(api.post("/v1/messages", key, "{\"to\":\"+34612000002\",\"body\":\"x\",\"purpose\":\"marketing\"}")))
                .isEqualTo("consent_missing");
        String contact = api.post("/v1/contacts", key, "{\"phone\":\"+34612000003\"}").text("id");
        api.post("/v1/contacts/" + contact + "/consents", key,
                "{\"channel\":\"all\",\"purpose\":\"transactional\",\"status\":\"opted_out\"}");
        assertThat(code(api.post("/v1/messages", key, "{\"to\":\"" + contact + "\",\"body\":\"x\"}"))).isEqualTo("opted_out");
        var otp = api.post("/v1/messages", key, "{\"to\":\"" + contact + "\",\"body\":\"Código 1234\",\"strictly_necessary\":true}");
        assertThat(otp.status()).isEqualTo(202);
        assertThat(code(api.post("/v1/messages", key, "{\"to\":\"12\",\"body\":\"x\"}"))).isEqualTo("invalid_destination");
        // libphonenumber would read the x as an empty extension and send to +34600000000
        var lettered = api.post("/v1/messages", key, "{\"to\":\"600000000x\",\"body\":\"x\"}");
        assertThat(code(lettered)).isEqualTo("invalid_destination");
        assertThat(lettered.json().get("errors").get(0).get("field").asString()).isEqualTo("to");
        assertThat(lettered.json().get("errors").get(0).get("message").asString()).contains("no letters");
        assertThat(code(api.post("/v1/messages", key, "{\"to\":\"+1 800 FLOWERS\",\"body\":\"x\"}")))
                .isEqualTo("invalid_destination");
        assertThat(api.get("/v1/contacts?q=600000000", key).json().get("data")).isEmpty();
        assertThat(code(api.post("/v1/messages", key, "{\"to\":\"+34612000004\"}"))).isEqualTo("validation_failed");
        assertThat(code(api.post("/v1/messages", key, "{\"to\":\"+34612000004\",\"body\":\"x\",\"channel\":\"fax\"}"))).isEqualTo("validation_failed");
        assertThat(code(api.post("/v1/messages", key, "{\"to\":\"+34612000004\",\"body\":\"x\",\"validity_seconds\":5}"))).isEqualTo("validation_failed");
        assertThat(code(api.post("/v1/messages", key, "{\"to\":\"+34612000004\",\"body\":\"x\",\"from\":\"snd_zz\"}"))).isEqualTo("sender_not_allowed");
        assertThat(code(api.post("/v1/messages", key, "{\"to\":\"+34612000004\",\"body\":\"" + "x".repeat(1601) + "\"}"))).isEqualTo("validation_failed");

        var poor = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY, "{\"name\":\"Poor\",\"trial_credit\":0}").text("api_key");
        api.post("/v1/senders", poor, "{\"channel\":\"sms\",\"name\":\"c\",\"host\":\"127.0.0.1\",\"port\":" + smsc.port()
                + ",\"system_id\":\"poor\",\"password\":\"p\",\"source_address\":\"Poor\"}");
        assertThat(code(api.post("/v1/messages", poor, "{\"to\":\"+34612000005\",\"body\":\"x\"}"))).isEqualTo("insufficient_balance");
        assertThat(api.get("/v1/messages", poor).json().get("data")).isEmpty();
        // only the OTP was written
        assertThat(api.get("/v1/messages", key).json().get("data")).hasSize(1);
    }

    @Test
    void idempotencyKeyGivesOneMessage() {
        var headers = Map.of("Idempotency-Key", "order-42-confirmation");
        var first = api.post("/v1/messages", key, "{\"to\":\"+34612000010\",\"body\":\"Pedido 42 confirmado\"}", headers);
        var again = api.post("/v1/messages", key, "{\"to\":\"+34612000010\",\"body\":\"Pedido 42 confirmado\"}", headers);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        var other = api.post("/v1/messages", key, "{\"to\":\"+34612000010\",\"body\":\"Otro\"}", headers);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.text("code")).isEqualTo("idempotency_key_reused");
        awaitStatus(first.text("id"), "delivered");
        assertThat(smsc.submissionsFor(first.text("id"))).hasSize(1);
    }

    @Test
    void scheduledMessageCanBeCanceledAndItsReservationReturns() {
        var accepted = send("{\"to\":\"+34612000020\",\"body\":\"Recordatorio\",\"send_at\":\"" + Instant.now().plusSeconds(3600) + "\"}");
        assertThat(accepted.get("status").asString()).isEqualTo("scheduled");
        assertThat(api.get("/v1/billing/balance", key).json().get("available").decimalValue()).isEqualByComparingTo("0.56");
        var canceled = api.post("/v1/messages/" + accepted.get("id").asString() + "/cancel", key, "");
        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.text("status")).isEqualTo("canceled");
        assertThat(api.get("/v1/billing/balance", key).json().get("available").decimalValue()).isEqualByComparingTo("0.60");
        var again = api.post("/v1/messages/" + accepted.get("id").asString() + "/cancel", key, "");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void bajaReplyOptsOutEverywhereAndIsConfirmed() {
        String phone = "+34612000030";
        send("{\"to\":\"" + phone + "\",\"body\":\"Hola\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> smsc.submissions().stream().anyMatch(s -> s.destination().equals("34612000030")));
        smsc.injectMoFor(systemId, "34612000030", "Recado", "Baja");
        await().atMost(Duration.ofSeconds(20)).until(() -> smsc.submissions().stream()
                .anyMatch(s -> s.destination().equals("34612000030") && s.text().startsWith("Te hemos dado de baja")));
        String contact = api.get("/v1/contacts?q=612000030", key).json().get("data").get(0).get("id").asString();
        var canSend = api.get("/v1/contacts/" + contact + "/can-send?channel=whatsapp&purpose=marketing", key).json();
        assertThat(canSend.get("reason").asString()).isEqualTo("opted_out");
        var inbound = api.get("/v1/messages?direction=inbound", key).json().get("data");
        assertThat(inbound).hasSize(1);
        assertThat(inbound.get(0).get("body").asString()).isEqualTo("Baja");
        assertThat(code(api.post("/v1/messages", key, "{\"to\":\"" + contact + "\",\"body\":\"x\"}"))).isEqualTo("opted_out");
    }

    @Test
    void webhooksAreSignedAndRetriedWithAStableDeliveryId() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            var hook = api.post("/v1/webhooks", key, "{\"url\":\"" + receiver.url("/hooks") + "\",\"events\":[\"message.status\"]}");
            assertThat(hook.status()).isEqualTo(201);
            String secret = hook.text("secret");
            receiver.failNext(1);
            String id = send("{\"to\":\"+34612000040\",\"body\":\"Hola\",\"status_callback\":\"" + receiver.url("/callback") + "\"}")
                    .get("id").asString();
            awaitStatus(id, "delivered");
            await().atMost(Duration.ofSeconds(40)).until(() -> receiver.received().stream()
                    .filter(r -> r.answeredWith() == 204 && r.body().contains("\"delivered\"")).count() >= 2);
            var first = receiver.received().get(0);
            assertThat(first.answeredWith()).isEqualTo(500);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream().skip(1)
                    .anyMatch(r -> r.header("Recado-Delivery").equals(first.header("Recado-Delivery"))));
            var posts = receiver.received();
            var retried = posts.stream().skip(1).filter(r -> r.header("Recado-Delivery").equals(first.header("Recado-Delivery"))).findFirst();
            assertThat(retried.get().body()).isEqualTo(first.body());
            assertThat(retried.get().answeredWith()).isEqualTo(204);
            var subscribed = posts.stream().filter(r -> r.body().contains("\"delivered\"") && r.header("Recado-Signature") != null)
                    .filter(r -> verify(secret, r)).findFirst();
            assertThat(subscribed).as("a delivery signed with the subscription secret").isPresent();
            assertThat(subscribed.get().body()).contains("\"type\":\"message.status\"", id);
            String callbackSecret = api.get("/v1/webhooks/callback-secret", key).text("secret");
            assertThat(posts.stream().filter(r -> verify(callbackSecret, r)).count()).isGreaterThan(0);
        }
    }

    @Test
    void anotherWorkspaceCannotSeeOrUseMessagesAndSenders() {
        String id = send("{\"to\":\"+34612000050\",\"body\":\"Privado\"}").get("id").asString();
        String other = api.newWorkspace("Other");
        assertThat(api.get("/v1/messages/" + id, other).status()).isEqualTo(404);
        assertThat(api.post("/v1/messages/" + id + "/cancel", other, "").status()).isEqualTo(404);
        assertThat(api.get("/v1/senders/" + sender, other).status()).isEqualTo(404);
        assertThat(api.get("/v1/messages", other).json().get("data")).isEmpty();
        assertThat(code(api.post("/v1/messages", other, "{\"to\":\"+34612000051\",\"body\":\"x\",\"from\":\"" + sender + "\"}")))
                .isEqualTo("sender_not_allowed");
    }

    @Test
    void sandboxEndpointsAnswerThatTheSandboxIsOff() {
        var r = api.get("/v1/sandbox/outbox", key);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text("code")).isEqualTo("sandbox_disabled");
    }

    @Test
    void senderSettingsAreValidated() {
        var r = api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"Bad\",\"port\":99999,\"source_address\":\"ThisNameIsTooLong\",\"colour\":\"red\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("\"host\"", "\"port\"", "\"source_address\"", "\"colour\"");
        assertThat(api.post("/v1/senders", key, "{\"channel\":\"pigeon\",\"name\":\"x\"}").status()).isEqualTo(422);
    }

    private static boolean verify(String secret, WebhookReceiver.Received r) {
        String header = r.header("Recado-Signature");
        if (header == null) {
            return false;
        }
        String t = header.replaceAll(".*t=(\\d+).*", "$1");
        String v1 = header.replaceAll(".*v1=([0-9a-f]+).*", "$1");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8))).equals(v1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String code(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        return r.text("code");
    }
}
