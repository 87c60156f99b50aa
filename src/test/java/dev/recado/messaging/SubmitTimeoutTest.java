package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.smpp.SmscSimulator;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A submit_sm whose response never comes in time (the simulator holds it past the sender's 1 s
 * submit timeout, though it has the message) is reconciled like a crash, never re-sent blindly.
 */
@RecadoTest
class SubmitTimeoutTest {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));

    @LocalServerPort
    int port;
    ApiClient api;
    String key;
    SmscSimulator smsc;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Timeouts " + System.nanoTime());
        smsc = smscs.simulator();
    }

    private void sender(boolean reconcileByQuery) {
        smscs.connectedSender(api, key, TestSmsc.systemId("t"),
                ",\"submit_timeout_seconds\":1,\"reconcile_by_query\":" + reconcileByQuery);
    }

    private JsonNode sendAndAwait(String to, String status) {
        var r = api.post("/v1/messages", key, "{\"to\":\"" + to + "\",\"body\":\"Su pedido ha salido\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.text("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(api.get("/v1/messages/" + id, key).text("status")));
        return api.get("/v1/messages/" + id, key).json();
    }

    @Test
    void aTimedOutSubmitTheSmscHasIsRecordedAsSentNotSentAgain() {
        sender(true);
        smsc.stallSubmits(1, Duration.ofMillis(2500));
        var m = sendAndAwait("+34613600001", "delivered");
        assertThat(smsc.submissionsFor(m.get("id").asString())).hasSize(1);
        assertThat(m.get("attempts").asInt()).isEqualTo(1);
        assertThat(api.get("/v1/billing/balance", key).json().get("balance").decimalValue()).isEqualByComparingTo("0.56");
    }

    @Test
    void aTimedOutSubmitNobodyCanConfirmFailsRatherThanRiskADuplicate() {
        sender(false);
        smsc.stallSubmits(1, Duration.ofMillis(2500));
        var m = sendAndAwait("+34613600002", "failed");
        assertThat(m.get("error_code").asString()).isEqualTo("submit_timeout_unknown");
        assertThat(smsc.submissionsFor(m.get("id").asString())).hasSize(1);
        var balance = api.get("/v1/billing/balance", key).json();
        assertThat(balance.get("reserved").decimalValue()).isEqualByComparingTo("0");
        assertThat(balance.get("balance").decimalValue()).isEqualByComparingTo("0.60");
    }
}
