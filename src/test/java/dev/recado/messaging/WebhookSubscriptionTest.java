package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.smpp.SmscSimulator;
import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import dev.recado.support.WebhookReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A deleted subscription delivers nothing more: its pending deliveries are canceled, not retried for 24 h. */
@RecadoTest
class WebhookSubscriptionTest {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(100));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private long deliveries(String hook, String status) {
        return jdbc.sql("select count(*) from webhook_deliveries where webhook_id = :id and status = :status")
                .param("id", PublicId.parse("whk_", hook).orElseThrow()).param("status", status).query(Long.class).single();
    }

    @Test
    void deletingASubscriptionCancelsItsPendingDeliveries() {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Webhooks " + System.nanoTime());
        String systemId = TestSmsc.systemId("wh");
        smscs.connectedSender(api, key, systemId, "");
        SmscSimulator smsc = smscs.simulator();
        try (var failing = new WebhookReceiver(); var working = new WebhookReceiver()) {
            failing.failNext(Integer.MAX_VALUE);
            String hook = api.post("/v1/webhooks", key,
                    "{\"url\":\"" + failing.url("/down") + "\",\"events\":[\"message.inbound\"]}").text("id");
            smsc.injectMoFor(systemId, "+34612700001", "Tienda", "Hola");
            smsc.injectMoFor(systemId, "+34612700001", "Tienda", "¿Hay alguien?");
            await().atMost(Duration.ofSeconds(20)).until(() -> failing.received().size() >= 2);
            assertThat(deliveries(hook, "pending")).isEqualTo(2);

            assertThat(api.delete("/v1/webhooks/" + hook, key).status()).isEqualTo(204);
            assertThat(deliveries(hook, "pending")).isZero();
            assertThat(deliveries(hook, "canceled")).isEqualTo(2);

            // later deliveries go to the subscriptions that remain; the canceled ones stay canceled
            api.post("/v1/webhooks", key, "{\"url\":\"" + working.url("/up") + "\",\"events\":[\"message.inbound\"]}");
            smsc.injectMoFor(systemId, "+34612700001", "Tienda", "Gracias");
            await().atMost(Duration.ofSeconds(20)).until(() -> working.received().size() == 1);
            int failedPosts = failing.received().size();
            smsc.injectMoFor(systemId, "+34612700001", "Tienda", "Adiós");
            await().atMost(Duration.ofSeconds(20)).until(() -> working.received().size() == 2);
            assertThat(failing.received()).hasSize(failedPosts);
            assertThat(deliveries(hook, "canceled")).isEqualTo(2);
        }
    }
}
