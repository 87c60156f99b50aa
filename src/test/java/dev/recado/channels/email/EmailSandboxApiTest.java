package dev.recado.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** In sandbox mode a new workspace can send email at once; the virtual inbox shows what arrived. */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
class EmailSandboxApiTest {

    @LocalServerPort
    int port;

    @Test
    void anEmailLandsInTheSandboxOutboxOfItsAddressOnly() {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Sandbox email " + System.nanoTime());
        var sent = api.post("/v1/messages", key, """
                {"to":"Marta@Cliente.example","channel":"email","subject":"Bienvenida","html":"<p>Hola Marta</p>",
                 "body":"Hola Marta"}""");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + sent.text("id"), key).text("status")).isEqualTo("sent"));

        var inbox = api.get("/v1/sandbox/outbox?to=marta@cliente.example", key).json().get("data");
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).get("channel").asString()).isEqualTo("email");
        assertThat(inbox.get(0).get("message_id").asString()).isEqualTo(sent.text("id"));
        assertThat(inbox.get(0).get("subject").asString()).isEqualTo("Bienvenida");
        assertThat(inbox.get(0).get("html").asString()).isEqualTo("<p>Hola Marta</p>");
        assertThat(inbox.get(0).get("headers").asString()).contains("Message-ID: <" + sent.text("id") + ".");
        assertThat(api.get("/v1/sandbox/outbox?to=otra@cliente.example", key).json().get("data")).isEmpty();
        assertThat(api.get("/v1/sandbox/outbox", api.newWorkspace("Other " + System.nanoTime())).json().get("data")).isEmpty();
    }

    @Test
    void theCustomerRepliesThroughTheTwinThreadedByInReplyTo() {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Sandbox email reply " + System.nanoTime());
        var sent = api.post("/v1/messages", key, """
                {"to":"luis@cliente.example","channel":"email","subject":"Tu cita","body":"El martes a las 10:00"}""");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.get("/v1/sandbox/outbox?to=luis@cliente.example", key).json().get("data").size() == 1);

        var noThread = api.post("/v1/sandbox/inbound", key, "{\"channel\":\"email\",\"from\":\"luis@cliente.example\",\"text\":\"Vale\"}");
        assertThat(noThread.status()).isEqualTo(422);
        assertThat(noThread.body()).contains("\"in_reply_to\"");
        var otherAddress = api.post("/v1/sandbox/inbound", key, """
                {"channel":"email","from":"eva@cliente.example","text":"Vale","in_reply_to":"%s"}""".formatted(sent.text("id")));
        assertThat(otherAddress.status()).isEqualTo(422);
        assertThat(otherAddress.body()).contains("\"in_reply_to\"").doesNotContain("\"from\"");
        var notAnAddress = api.post("/v1/sandbox/inbound", key, """
                {"channel":"email","from":"+34600000001","text":"Vale","in_reply_to":"%s"}""".formatted(sent.text("id")));
        assertThat(notAnAddress.status()).isEqualTo(422);
        assertThat(notAnAddress.body()).contains("\"from\"");
        var smsThread = api.post("/v1/sandbox/inbound", key, """
                {"channel":"sms","from":"+34600000001","text":"Vale","in_reply_to":"%s"}""".formatted(sent.text("id")));
        assertThat(smsThread.status()).isEqualTo(422);
        assertThat(api.get("/v1/messages?direction=inbound", key).json().get("data")).isEmpty();

        var reply = api.post("/v1/sandbox/inbound", key, """
                {"channel":"email","from":"Luis@Cliente.example","text":"Allí estaré","in_reply_to":"%s"}""".formatted(sent.text("id")));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        var inbound = api.get("/v1/messages?direction=inbound&channel=email", key).json().get("data");
        assertThat(inbound).hasSize(1);
        assertThat(inbound.get(0).get("from").asString()).isEqualTo("luis@cliente.example");
        assertThat(inbound.get(0).get("body").asString()).isEqualTo("Allí estaré");
        assertThat(inbound.get(0).get("in_reply_to").asString()).isEqualTo(sent.text("id"));
    }
}
