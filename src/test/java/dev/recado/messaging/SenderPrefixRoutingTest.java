package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two SMS senders on the SMPP simulator: the longest matching {@code prefixes} entry picks the
 * sender, other numbers go through the default, and a sender down for longer than the threshold
 * is passed over for the other.
 */
@RecadoTest
class SenderPrefixRoutingTest {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private String senderOf(ApiClient api, String key, String to) {
        var sent = api.post("/v1/messages", key, "{\"to\":\"" + to + "\",\"channel\":\"sms\",\"body\":\"Hola\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        return api.get("/v1/messages/" + sent.text("id"), key).text("sender_id");
    }

    @Test
    void theLongestPrefixPicksTheSenderAndADownSenderIsPassedOver() {
        var api = new ApiClient(port);
        String key = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY, "{\"name\":\"Prefixes\",\"trial_credit\":50}")
                .text("api_key");
        String spain = smscs.connectedSender(api, key, TestSmsc.systemId("es"), ",\"prefixes\":[\"+34\",\"+351\"]");
        String lisbon = smscs.connectedSender(api, key, TestSmsc.systemId("pt"), ",\"prefixes\":[\"+3519\"]");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.patch("/v1/senders/" + spain, key, "{\"default\":true}")
                .status() == 200 && api.get("/v1/senders/" + spain, key).body().matches(".*\"(is_)?default\":true.*"));

        assertThat(senderOf(api, key, "+351912345678")).isEqualTo(lisbon);
        assertThat(senderOf(api, key, "+351212345678")).isEqualTo(spain);
        assertThat(senderOf(api, key, "+34612345678")).isEqualTo(spain);
        assertThat(senderOf(api, key, "+447911123456")).isEqualTo(spain);
        assertThat(api.get("/v1/senders/" + lisbon, key).body()).contains("\"prefixes\":[\"+3519\"]");

        var bad = api.patch("/v1/senders/" + lisbon, key, "{\"prefixes\":[\"351\"]}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("errors").path(0).path("field").asString()).isEqualTo("prefixes[0]");

        // Lisbon's SMSC goes away; once it has been down longer than the threshold, Spain carries its numbers
        var moved = api.patch("/v1/senders/" + lisbon, key, "{\"port\":" + deadPort() + "}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        long lisbonId = PublicId.parse("snd_", lisbon).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from sender_links where sender_id = :id and state <> 'CONNECTED'")
                .param("id", lisbonId).query(Long.class).single() == 1);
        assertThat(senderOf(api, key, "+351912345678")).as("down only just now").isEqualTo(lisbon);
        // as if the threshold (60 s) had passed
        jdbc.sql("update sender_links set since = since - interval '10' minute where sender_id = :id")
                .param("id", lisbonId).update();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
                .until(() -> senderOf(api, key, "+351912345678").equals(spain));
    }

    private static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again: connections to it are refused
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
