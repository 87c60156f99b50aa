package dev.recado.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A workspace asks for credit; the platform operator sees every request with the platform key and
 * credits one, either on the request or on the workspace with the request as reference, exactly once.
 */
@RecadoTest
class TopupRequestApiTest {

    @LocalServerPort
    int port;

    ApiClient api;
    String key;
    String workspace;

    @BeforeEach
    void aWorkspace() {
        api = new ApiClient(port);
        var created = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY, "{\"name\":\"Topup " + System.nanoTime()
                + "\",\"trial_credit\":1}");
        key = created.text("api_key");
        workspace = created.text("id");
    }

    @Test
    void theOperatorSeesTheRequestAndCreditsItOnce() {
        var asked = api.post("/v1/billing/topup-requests", key, "{\"amount\":25.50,\"note\":\"Transferencia 4411\"}");
        assertThat(asked.status()).isEqualTo(201);
        String id = asked.text("id");
        assertThat(id).startsWith("top_");
        assertThat(asked.text("status")).isEqualTo("pending");
        assertThat(asked.text("currency")).isEqualTo("EUR");

        var pending = api.get("/v1/topup-requests?status=pending", ApiClient.PLATFORM_KEY);
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.body()).contains("\"id\":\"" + id + "\"").contains("\"workspace_id\":\"" + workspace + "\"")
                .contains("Transferencia 4411");

        var credited = api.post("/v1/topup-requests/" + id + "/credit", ApiClient.PLATFORM_KEY,
                "{\"description\":\"Transferencia recibida\"}");
        assertThat(credited.status()).isEqualTo(200);
        assertThat(credited.text("status")).isEqualTo("credited");
        assertThat(credited.json().get("ledger_entry_id").isNumber()).isTrue();
        assertThat(balance()).isEqualByComparingTo("26.5");
        assertThat(api.get("/v1/billing/ledger", key).body()).contains("\"reference\":\"" + id + "\"");

        var again = api.post("/v1/topup-requests/" + id + "/credit", ApiClient.PLATFORM_KEY, "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("topup_not_pending");
        assertThat(balance()).isEqualByComparingTo("26.5");
        assertThat(api.get("/v1/billing/topup-requests", key).body()).contains("\"status\":\"credited\"");
        assertThat(api.get("/v1/topup-requests?status=pending", ApiClient.PLATFORM_KEY).body()).doesNotContain(id + "\"");
    }

    @Test
    void aCreditOnTheWorkspaceReferencingTheRequestSettlesIt() {
        String id = api.post("/v1/billing/topup-requests", key, "{\"amount\":10}").text("id");
        var credit = api.post("/v1/workspaces/" + workspace + "/credit", ApiClient.PLATFORM_KEY,
                "{\"amount\":10,\"reference\":\"" + id + "\"}");
        assertThat(credit.status()).isEqualTo(201);
        assertThat(api.get("/v1/billing/topup-requests", key).body()).contains("\"status\":\"credited\"");
        var twice = api.post("/v1/workspaces/" + workspace + "/credit", ApiClient.PLATFORM_KEY,
                "{\"amount\":10,\"reference\":\"" + id + "\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(balance()).isEqualByComparingTo("11");
        // a round amount reads as one, not as 1E+1
        assertThat(api.get("/v1/billing/ledger", key).body()).contains("\"amount\":10").doesNotContain("E+");
    }

    @Test
    void badRequestsAreRefusedAndWriteNothing() {
        for (String body : new String[] {"{\"amount\":0}", "{\"amount\":-5}", "{\"amount\":1.234}",
                "{\"amount\":\"diez\"}", "{\"note\":\"sin importe\"}", "{\"amount\":100001}"}) {
            var refused = api.post("/v1/billing/topup-requests", key, body);
            assertThat(refused.status()).as(body).isBetween(400, 499);
            assertThat(refused.header("Content-Type")).as(body).startsWith("application/problem+json");
        }
        var longNote = api.post("/v1/billing/topup-requests", key, "{\"amount\":5,\"note\":\"" + "x".repeat(501) + "\"}");
        assertThat(longNote.status()).isEqualTo(422);
        assertThat(api.get("/v1/billing/topup-requests", key).json().get("data")).isEmpty();
        assertThat(api.get("/v1/topup-requests?status=lost", ApiClient.PLATFORM_KEY).status()).isEqualTo(422);
        assertThat(api.post("/v1/topup-requests/top_zzzzz/credit", ApiClient.PLATFORM_KEY, "{}").status()).isEqualTo(404);
        assertThat(api.post("/v1/topup-requests/nonsense/credit", ApiClient.PLATFORM_KEY, "{}").status()).isEqualTo(404);
    }

    @Test
    void onlyThePlatformSeesEveryoneAndAWorkspaceOnlyItsOwn() {
        String id = api.post("/v1/billing/topup-requests", key, "{\"amount\":5}").text("id");
        assertThat(api.get("/v1/topup-requests", key).status()).isEqualTo(403);
        assertThat(api.post("/v1/topup-requests/" + id + "/credit", key, "{}").status()).isEqualTo(403);
        assertThat(api.get("/v1/billing/topup-requests", ApiClient.PLATFORM_KEY).status()).isEqualTo(403);

        var other = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY, "{\"name\":\"Otra " + System.nanoTime() + "\"}");
        assertThat(api.get("/v1/billing/topup-requests", other.text("api_key")).json().get("data")).isEmpty();
        // another workspace's credit naming this request is only its own reference: this one stays pending
        var elsewhere = api.post("/v1/workspaces/" + other.text("id") + "/credit",
                ApiClient.PLATFORM_KEY, "{\"amount\":1,\"reference\":\"" + id + "\"}");
        assertThat(elsewhere.status()).isEqualTo(201);
        assertThat(api.get("/v1/billing/topup-requests", key).body()).contains("\"status\":\"pending\"");
        assertThat(balance()).isEqualByComparingTo(BigDecimal.ONE);
    }

    private BigDecimal balance() {
        return (api.get("/v1/billing/balance", key).json().get("balance").decimalValue());
    }
}
