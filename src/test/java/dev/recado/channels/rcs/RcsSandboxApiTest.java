package dev.recado.channels.rcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The sandbox twin: the virtual handset receives an RCS card and taps one of its suggestions. */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
class RcsSandboxApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theHandsetReceivesACardAndTapsASuggestion() {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Sandbox RCS " + System.nanoTime());
        String number = "+34600000088";
        var card = api.post("/v1/messages", key, """
                {"to":"%s","channel":"rcs","card":{"title":"Cita el martes","description":"10:00 con Dr. Pérez",
                 "suggestions":[{"type":"reply","text":"Confirmo","postback_data":"confirm_42"},
                  {"type":"reply","text":"Cambiar","postback_data":"change_42"}]}}""".formatted(number));
        assertThat(card.status()).as(card.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + card.text("id"), key).text("status")).isEqualTo("delivered"));
        var outbox = api.get("/v1/sandbox/outbox?to=" + number.substring(1), key).json().get("data");
        assertThat(outbox.get(0).get("channel").asString()).isEqualTo("rcs");
        assertThat(outbox.get(0).get("kind").asString()).isEqualTo("card");
        assertThat(outbox.get(0).get("message_id").asString()).isEqualTo(card.text("id"));
        assertThat(outbox.get(0).get("content").get("cards").get(0).get("suggestions").get(1).get("postbackData").asString())
                .isEqualTo("change_42");

        var tap = api.post("/v1/sandbox/inbound", key, "{\"channel\":\"rcs\",\"from\":\"" + number
                + "\",\"text\":\"Confirmo\",\"button_id\":\"confirm_42\"}");
        assertThat(tap.status()).as(tap.body()).isEqualTo(202);
        var stored = jdbc.sql("select content from messages where direction = 'inbound' and channel = 'rcs' and from_address = :f")
                .param("f", number).query(String.class).list();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).contains("\"type\":\"reply\"").contains("\"id\":\"confirm_42\"");
        var sms = api.post("/v1/sandbox/inbound", key, "{\"channel\":\"sms\",\"from\":\"" + number
                + "\",\"text\":\"x\",\"button_id\":\"confirm_42\"}");
        assertThat(sms.status()).isEqualTo(422);
    }
}
