package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every usage line of the ledger says which messages it charged. */
@RecadoTest
class LedgerReferenceTest {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));

    @LocalServerPort
    int port;

    @Test
    void usageLinesNameTheMessagesTheyCharged() {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Ledger " + System.nanoTime());
        smscs.connectedSender(api, key, TestSmsc.systemId("lg"), "");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var r = api.post("/v1/messages", key, "{\"to\":\"+3461490000" + i + "\",\"body\":\"Aviso " + i + "\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            ids.add(r.text("id"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> usage(api, key).stream()
                .mapToInt(LedgerReferenceTest::messagesOf).sum() == ids.size());
        List<String> named = new ArrayList<>();
        for (JsonNode line : usage(api, key)) {
            String description = line.get("description").asString();
            if (messagesOf(line) == 1) {
                assertThat(line.get("reference").asString()).isIn(ids);
                named.add(line.get("reference").asString());
            } else {
                ids.stream().filter(description::contains).forEach(named::add);
            }
        }
        assertThat(named).containsExactlyInAnyOrderElementsOf(ids);
    }

    private static List<JsonNode> usage(ApiClient api, String key) {
        List<JsonNode> lines = new ArrayList<>();
        api.get("/v1/billing/ledger", key).json().get("data").forEach(l -> {
            if ("usage".equals(l.get("kind").asString())) {
                lines.add(l);
            }
        });
        return lines;
    }

    private static int messagesOf(JsonNode line) {
        return Integer.parseInt(line.get("description").asString().split(" ")[0]);
    }
}
