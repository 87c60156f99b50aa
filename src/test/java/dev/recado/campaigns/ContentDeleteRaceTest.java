package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A delete of a template and the start of a campaign that uses it, interleaved: the test holds one
 * side's row locks in a transaction of its own (the statements the other request would run), makes
 * the API request wait on them, then commits. Whichever commits first decides, in both orders.
 */
class ContentDeleteRaceTest extends CampaignHttpTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aStartThatWaitedOnADeleteIsRefusedAndTheCampaignStaysADraft() throws Exception {
        String template = fx.smsTemplate("marketing", "Rebajas BAJA al 600");
        String campaign = fx.campaign(fx.segment("race-a"), template, "");
        long templateId = PublicId.parse("tpl_", template).orElseThrow();
        try (Connection deleting = dataSource.getConnection()) {
            deleting.setAutoCommit(false);
            run(deleting, "select id from templates where id = ? for update", templateId);
            run(deleting, "update templates set deleted_at = current_timestamp where id = ?", templateId);

            CompletableFuture<ApiClient.Response> start = CompletableFuture.supplyAsync(
                    () -> api.post("/v1/campaigns/" + campaign + "/start", key, ""));
            awaitSomeoneWaitingForALock();
            deleting.commit();

            var refused = start.get();
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.text("code")).isEqualTo("template_deleted");
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("template_id");
        }
        assertThat(fx.get(campaign).get("status").asString()).isEqualTo("draft");
    }

    @Test
    void aDeleteThatWaitedOnAStartIsRefusedAndTheTemplateStays() throws Exception {
        String template = fx.smsTemplate("marketing", "Rebajas BAJA al 600");
        String campaign = fx.campaign(fx.segment("race-b"), template, ",\"schedule\":{\"type\":\"at\",\"at\":\"2099-01-01T09:00:00Z\"}");
        long templateId = PublicId.parse("tpl_", template).orElseThrow();
        long campaignId = PublicId.parse("cmp_", campaign).orElseThrow();
        try (Connection starting = dataSource.getConnection()) {
            starting.setAutoCommit(false);
            run(starting, "select id from templates where id = ? for update", templateId);
            run(starting, "update campaigns set status = 'scheduled' where id = ?", campaignId);

            CompletableFuture<ApiClient.Response> delete = CompletableFuture.supplyAsync(
                    () -> api.delete("/v1/templates/" + template, key));
            awaitSomeoneWaitingForALock();
            starting.commit();

            var refused = delete.get();
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.text("code")).isEqualTo("template_in_use");
        }
        assertThat(api.get("/v1/templates/" + template, key).status()).isEqualTo(200);
    }

    @Test
    void aCampaignWhoseTemplateWasDeletedBeforeItsStartIsRefused() {
        String template = fx.smsTemplate("marketing", "Rebajas BAJA al 600");
        String campaign = fx.campaign(fx.segment("race-c"), template, "");
        assertThat(api.delete("/v1/templates/" + template, key).status()).isEqualTo(204);
        var refused = api.post("/v1/campaigns/" + campaign + "/start", key, "");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("template_deleted");
        assertThat(fx.get(campaign).get("status").asString()).isEqualTo("draft");
    }

    private static void run(Connection c, String sql, long id) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.execute();
        }
    }

    /** The request is parked on the row lock the test holds (so the interleaving is the one named). */
    private void awaitSomeoneWaitingForALock() {
        String waiting = TestDatabase.postgres()
                ? "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                : "select count(*) from information_schema.sessions where blocker_id is not null";
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(waiting).query(Long.class).single() > 0);
    }
}
