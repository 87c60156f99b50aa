package dev.recado.channels.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A newcomer's first minutes: a new workspace can send at once and play the customer. */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
class SandboxApiTest {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));

    @LocalServerPort
    int port;
    ApiClient api;
    String key;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Sandbox " + System.nanoTime());
    }

    @Test
    void newWorkspaceSendsAtOnceAndThePhoneRepliesBaja() {
        var senders = api.get("/v1/senders", key).json().get("data");
        assertThat(senders).hasSize(6);
        assertThat(senders.findValuesAsString("provider")).containsExactlyInAnyOrder("sandbox", "sandbox_email",
                "sandbox_whatsapp", "sandbox_rcs", "sandbox_telegram", "sandbox_webchat");
        // the virtual phone's web chat: a real widget open to the console's own origin only
        var webchat = senders.valueStream().filter(s -> s.get("channel").asString().equals("webchat")).findFirst().orElseThrow();
        assertThat(webchat.get("settings").get("allowed_origins").valueStream().map(o -> o.asString()).toList())
                .containsExactly("http://localhost:0");
        var sent = api.post("/v1/messages", key, "{\"to\":\"+34 600 000 099\",\"body\":\"Bienvenida a la tienda 🛍️\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/v1/messages/" + sent.text("id"), key).body())
                .contains("\"status\":\"delivered\""));

        var outbox = api.get("/v1/sandbox/outbox?to=%2B34600000099", key).json().get("data");
        assertThat(outbox).hasSize(1);
        assertThat(outbox.get(0).get("text").asString()).isEqualTo("Bienvenida a la tienda 🛍️");
        assertThat(outbox.get(0).get("message_id").asString()).isEqualTo(sent.text("id"));

        var reply = api.post("/v1/sandbox/inbound", key, "{\"channel\":\"sms\",\"from\":\"+34600000099\",\"text\":\"BAJA\"}");
        assertThat(reply.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/v1/sandbox/outbox?to=34600000099", key).json().get("data").size() == 2);
        assertThat(api.get("/v1/sandbox/outbox?to=34600000099", key).json().get("data").get(0).get("text").asString())
                .startsWith("Te hemos dado de baja");
        String contact = api.get("/v1/contacts?q=600000099", key).json().get("data").get(0).get("id").asString();
        assertThat(api.get("/v1/contacts/" + contact + "/can-send?channel=sms&purpose=marketing", key).text("reason"))
                .isEqualTo("opted_out");
    }

    @Test
    void workspacesDoNotSeeEachOthersPhones() {
        String other = api.newWorkspace("Other sandbox");
        api.post("/v1/messages", key, "{\"to\":\"+34600000098\",\"body\":\"Solo para ti\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/v1/sandbox/outbox?to=34600000098", key).json().get("data").size() == 1);
        assertThat(api.get("/v1/sandbox/outbox?to=34600000098", other).json().get("data")).isEmpty();
        var bad = api.post("/v1/sandbox/inbound", key, "{\"channel\":\"sms\",\"from\":\"hello\",\"text\":\"\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("\"from\"", "\"text\"");
    }

    @Test
    void anSmsShowsNoTypingAndTheAnswerSaysSo() {
        // the phone answers through the simulated SMSC once the workspace's sandbox sender has bound
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/v1/senders", key).json().get("data").valueStream()
                .anyMatch(s -> s.get("channel").asString().equals("sms") && s.get("status").asString().equals("connected")));
        assertThat(api.post("/v1/sandbox/inbound", key, "{\"channel\":\"sms\",\"from\":\"+34600000097\",\"text\":\"Hola\"}")
                .status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/v1/messages?direction=inbound", key).json().get("data").size() == 1);
        String inbound = api.get("/v1/messages?direction=inbound", key).json().get("data").get(0).get("id").asString();
        var typing = api.post("/v1/messages/" + inbound + "/typing", key, "");
        assertThat(typing.status()).as(typing.body()).isEqualTo(200);
        assertThat(typing.text("typing")).isEqualTo("unsupported");
    }

    /** An SMS from the phone while the workspace's sandbox SMS sender is not bound: 503, and nothing stored. */
    @Test
    void theSmsPhoneAnswers503WhileItsSenderIsNotConnected() {
        String sms = api.get("/v1/senders", key).json().get("data").valueStream()
                .filter(s -> s.get("channel").asString().equals("sms")).findFirst().orElseThrow().get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/v1/senders/" + sms, key).text("status").equals("connected"));
        assertThat(api.patch("/v1/senders/" + sms, key, "{\"enabled\":false}").status()).isEqualTo(200);

        String inbound = "{\"channel\":\"sms\",\"from\":\"+34600000096\",\"text\":\"Hola\"}";
        // until the unbind reaches the SMSC a message still goes through (and is stored): count those
        var accepted = new java.util.concurrent.atomic.AtomicInteger();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            int status = api.post("/v1/sandbox/inbound", key, inbound).status();
            if (status == 202) {
                accepted.incrementAndGet();
            }
            return status == 503;
        });
        var refused = api.post("/v1/sandbox/inbound", key, inbound);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.text("code")).isEqualTo("sandbox_not_connected");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/v1/messages?direction=inbound", key).json().get("data").size() >= accepted.get());
        assertThat(api.get("/v1/messages?direction=inbound", key).json().get("data")).hasSize(accepted.get());
    }

    @Test
    void theFirstRealCarrierTakesTheDefaultFromTheSimulatorWhenItConnects() {
        String sandbox = api.get("/v1/senders", key).json().get("data").valueStream()
                .filter(s -> s.get("channel").asString().equals("sms")).findFirst().orElseThrow().get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/v1/senders/" + sandbox, key).text("status").equals("connected"));
        assertThat(api.get("/v1/senders/" + sandbox, key).json().get("is_default").asBoolean()).isTrue();

        // the README's set-up: a workspace starts on the simulator and adds its carrier, which takes over
        String carrier = smscs.connectedSender(api, key, TestSmsc.systemId("sb"), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/v1/senders/" + carrier, key).json().get("is_default").asBoolean());
        assertThat(api.get("/v1/senders/" + sandbox, key).json().get("is_default").asBoolean()).isFalse();
    }
}
