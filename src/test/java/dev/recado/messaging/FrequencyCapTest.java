package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.campaigns.CampaignFixtures;
import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.ClockedRecadoTest;
import dev.recado.support.MovableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The frequency cap: at most N marketing messages per contact within X days, across campaigns and
 * channels, held when batches for the same contacts are accepted at the same time.
 */
@ClockedRecadoTest
class FrequencyCapTest {

    @LocalServerPort
    int port;
    @Autowired
    MessageManagement messages;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MovableClock clock;
    ApiClient api;
    String key;
    long workspace;
    CampaignFixtures fx;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        var ws = CampaignFixtures.workspaceIn(api, "Cap", null);
        key = ws.text("api_key");
        workspace = PublicId.parse("ws_", ws.text("id")).orElseThrow();
        fx = new CampaignFixtures(api, key);
    }

    @Test
    void concurrentBatchesForTheSameContactsCannotTogetherPassTheCap() throws Exception {
        putCap(2, 7);
        List<String> contacts = fx.consentingContacts("race", 4000, 15);
        List<MessageDraft> drafts = contacts.stream()
                .map(c -> MessageDraft.text(c, "sms", null, "Oferta BAJA al 600", "marketing")).toList();
        int batches = 3;
        var barrier = new CyclicBarrier(batches);
        List<CompletableFuture<List<Enqueued>>> all = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(batches)) {
            for (int i = 0; i < batches; i++) {
                all.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return messages.enqueue(workspace, drafts);
                }, pool));
            }
        }
        long accepted = 0;
        for (var batch : all) {
            for (Enqueued answer : batch.get()) {
                if (answer instanceof Enqueued.Refused r) {
                    assertThat(r.code()).isEqualTo("capped");
                } else {
                    accepted++;
                }
            }
        }
        assertThat(accepted).isEqualTo(2L * contacts.size());
        var perContact = jdbc.sql("select contact_id, count(*) from messages where workspace_id = :ws"
                + " and purpose = 'marketing' group by contact_id").param("ws", workspace)
                .query((rs, n) -> rs.getLong(2)).list();
        assertThat(perContact).hasSize(contacts.size()).allSatisfy(n -> assertThat(n).isEqualTo(2L));
    }

    @Test
    void twoCampaignsTogetherGiveEachContactOneMessageAndCountTheRestAsCapped() {
        putCap(1, 7);
        List<String> contacts = fx.consentingContacts("both", 4100, 6);
        String segment = fx.segment("both");
        String first = fx.campaign(segment, fx.smsTemplate("marketing", "Primera BAJA al 600"), "");
        String second = fx.campaign(segment, fx.smsTemplate("marketing", "Segunda BAJA al 600"), "");
        fx.action(first, "start");
        fx.action(second, "start");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(first).get("status").asString().equals("completed")
                && fx.get(second).get("status").asString().equals("completed"));
        long accepted = fx.get(first).get("stats").get("accepted").asLong() + fx.get(second).get("stats").get("accepted").asLong();
        long capped = fx.get(first).get("stats").get("skipped").path("capped").asLong()
                + fx.get(second).get("stats").get("skipped").path("capped").asLong();
        assertThat(accepted).isEqualTo(6);
        assertThat(capped).isEqualTo(6);

        // transactional messages are never capped
        String one = contacts.get(0);
        var receipt = api.post("/v1/messages", key, "{\"to\":\"" + one + "\",\"body\":\"Su cita es mañana\"}");
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(202);
        var refused = api.post("/v1/messages", key, "{\"to\":\"" + one + "\",\"body\":\"Oferta BAJA\",\"purpose\":\"marketing\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("capped");

        // once the period has passed the contact may hear from the workspace again
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        var later = api.post("/v1/messages", key, "{\"to\":\"" + one + "\",\"body\":\"Oferta BAJA\",\"purpose\":\"marketing\"}");
        assertThat(later.status()).as(later.body()).isEqualTo(202);
    }

    @Test
    void theCapIsOffByDefaultAndItsSettingsAreValidated() {
        assertThat(api.get("/v1/settings/frequency-cap", key).body()).isEqualTo("{\"max_messages\":null,\"per_days\":null}");
        for (var bad : List.of(Map.entry("{\"max_messages\":0,\"per_days\":7}", "max_messages"),
                Map.entry("{\"max_messages\":3,\"per_days\":400}", "per_days"),
                Map.entry("{\"max_messages\":3}", "per_days"))) {
            var r = api.put("/v1/settings/frequency-cap", key, bad.getKey());
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo(bad.getValue());
        }
        assertThat(api.get("/v1/settings/frequency-cap", key).text("max_messages")).isNull();
        putCap(3, 30);
        var off = api.put("/v1/settings/frequency-cap", key, "{\"max_messages\":null,\"per_days\":null}");
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.text("max_messages")).isNull();
    }

    private void putCap(int max, int days) {
        var r = api.put("/v1/settings/frequency-cap", key, "{\"max_messages\":" + max + ",\"per_days\":" + days + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("max_messages").asInt()).isEqualTo(max);
    }
}
