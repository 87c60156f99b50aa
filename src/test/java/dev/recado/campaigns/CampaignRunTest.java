package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** A campaign sent through the sandbox: one message per contact, skips with reasons, counters, controls. */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=20",
        "recado.campaigns.page-size=10", "recado.campaigns.poll-millis=200"})
class CampaignRunTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    CampaignFixtures fx;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = CampaignFixtures.workspace(api, "Campaigns " + System.nanoTime());
        fx = new CampaignFixtures(api, key);
    }

    @Test
    void sendsEachConsentingContactExactlyOneMessageAndCountsEverySkip() {
        List<String> audience = fx.consentingContacts("promo", 1000, 25);
        String optedOut = fx.contact("{\"phone\":\"+34619999001\",\"tags\":[\"promo\"]}");
        fx.consent(optedOut, "opted_out");
        fx.contact("{\"phone\":\"+34619999002\",\"tags\":[\"promo\"]}");
        fx.contact("{\"email\":\"solo@example.com\",\"tags\":[\"promo\"]}");
        String campaign = fx.campaign(fx.segment("promo"),
                fx.smsTemplate("marketing", "Hola {{first_name | default: \\\"cliente\\\"}}, 2x1 hoy"), "");

        var started = fx.action(campaign, "start");
        assertThat(started.get("status").asString()).isEqualTo("running");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var c = fx.get(campaign);
            assertThat(c.get("status").asString()).isEqualTo("completed");
            assertThat(c.get("stats").get("delivered").asLong()).isEqualTo(25);
        });

        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        var rows = jdbc.sql("select contact_id, body from messages where campaign_id = :id").param("id", id)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
        assertThat(rows).hasSize(25);
        assertThat(rows.stream().map(Map.Entry::getKey).distinct()).hasSize(25)
                .containsExactlyInAnyOrderElementsOf(audience.stream().map(a -> PublicId.parse("ct_", a).orElseThrow()).toList());
        assertThat(rows).allSatisfy(r -> assertThat(r.getValue()).matches("Hola P\\d+, 2x1 hoy\nResponde BAJA para no recibir mas mensajes"));
        var outbox = api.get("/v1/sandbox/outbox?to=%2B34610001000", key).json().get("data");
        assertThat(outbox).hasSize(1);

        var stats = fx.get(campaign).get("stats");
        assertThat(stats.get("targeted").asLong()).isEqualTo(28);
        assertThat(stats.get("accepted").asLong()).isEqualTo(25);
        assertThat(stats.get("sent").asLong()).isEqualTo(25);
        assertThat(stats.get("failed").asLong()).isZero();
        assertThat(stats.get("cost").decimalValue()).isPositive();
        assertThat(stats.get("skipped").toString()).isEqualTo("{\"no_consent\":1,\"no_identity\":1,\"opted_out\":1}");
        assertCountersMatchMessageRows(id);

        var firstSent = jdbc.sql("select min(sent_at) from messages where campaign_id = :id").param("id", id)
                .query(OffsetDateTime.class).single();
        var startedAt = OffsetDateTime.parse(started.get("started_at").asString());
        assertThat(Duration.between(startedAt, firstSent)).isLessThan(Duration.ofSeconds(2));
    }

    /** The event-fed counters recomputed from the message rows they count. */
    private void assertCountersMatchMessageRows(long id) {
        var fromRows = jdbc.sql("""
                select count(case when sent_at is not null then 1 end) as sent,
                       count(case when status in ('delivered', 'read') then 1 end) as delivered,
                       count(case when status = 'undelivered' then 1 end) as undelivered,
                       count(case when status in ('failed', 'expired', 'rejected') then 1 end) as failed,
                       count(case when status = 'canceled' then 1 end) as canceled,
                       coalesce(sum(price), 0) as cost
                from messages where campaign_id = :id""").param("id", id).query().singleRow();
        // the campaign row's own counts plus its shards' (CountShards)
        var counters = jdbc.sql("""
                select c.sent + coalesce(sum(s.sent), 0) as sent, c.delivered + coalesce(sum(s.delivered), 0) as delivered,
                       c.undelivered + coalesce(sum(s.undelivered), 0) as undelivered,
                       c.failed + coalesce(sum(s.failed), 0) as failed,
                       c.canceled_count + coalesce(sum(s.canceled_count), 0) as canceled, c.cost
                  from campaigns c left join campaign_count_shards s on s.campaign_id = c.id
                 where c.id = :id
                 group by c.sent, c.delivered, c.undelivered, c.failed, c.canceled_count, c.cost""")
                .param("id", id).query().singleRow();
        for (String k : List.of("sent", "delivered", "undelivered", "failed", "canceled")) {
            assertThat(((Number) counters.get(k)).longValue()).as(k).isEqualTo(((Number) fromRows.get(k)).longValue());
        }
        assertThat((java.math.BigDecimal) counters.get("cost")).isEqualByComparingTo((java.math.BigDecimal) fromRows.get("cost"));
    }

    @Test
    void pausesResumesAndFinishesWithoutDuplicates() {
        fx.consentingContacts("slow", 2000, 30);
        // 120 a minute: pages of 10, one every five seconds
        String campaign = fx.campaign(fx.segment("slow"), fx.smsTemplate("marketing", "Oferta BAJA al 600"),
                ",\"rate_per_minute\":120");
        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(20)).until(() -> stat(campaign, "targeted") >= 10);
        assertThat(fx.action(campaign, "pause").get("status").asString()).isEqualTo("paused");
        long atPause = stat(campaign, "targeted");
        assertThat(api.post("/v1/campaigns/" + campaign + "/pause", key, "").status()).isEqualTo(409);
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8))
                .until(() -> stat(campaign, "targeted") == atPause);

        assertThat(fx.action(campaign, "resume").get("status").asString()).isEqualTo("running");
        await().atMost(Duration.ofSeconds(60)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        assertThat(contactsMessaged(id)).isEqualTo(30);
        assertThat(messages(id)).isEqualTo(30);
        assertThat(stat(campaign, "targeted")).isEqualTo(30);
        assertThat(api.post("/v1/campaigns/" + campaign + "/resume", key, "").status()).isEqualTo(409);
    }

    @Test
    void cancelStopsTheFanOutForGood() {
        fx.consentingContacts("cancel", 3000, 12);
        // 12 a minute: one recipient every five seconds
        String campaign = fx.campaign(fx.segment("cancel"), fx.smsTemplate("marketing", "Oferta BAJA al 600"),
                ",\"rate_per_minute\":12");
        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(20)).until(() -> stat(campaign, "accepted") >= 1);
        var canceled = fx.action(campaign, "cancel");
        assertThat(canceled.get("status").asString()).isEqualTo("canceled");
        assertThat(canceled.get("finished_at").isNull()).isFalse();
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        long made = messages(id);
        assertThat(made).isLessThan(12);
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() -> messages(id) == made);
        assertThat(api.post("/v1/campaigns/" + campaign + "/start", key, "").status()).isEqualTo(409);
    }

    @Test
    void scheduledCampaignWaitsForItsTime() {
        fx.consentingContacts("later", 4000, 3);
        // whole seconds: the databases keep microseconds (H2 rounds, PostgreSQL truncates)
        String at = java.time.Instant.now().plusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        // no conditions: the workspace's three contacts
        String campaign = fx.campaign(fx.everyone(), fx.smsTemplate("marketing", "Oferta BAJA al 600"),
                ",\"schedule\":{\"type\":\"at\",\"at\":\"" + at + "\"}");
        var started = fx.action(campaign, "start");
        assertThat(started.get("status").asString()).isEqualTo("scheduled");
        assertThat(java.time.Instant.parse(started.get("schedule").get("at").asString()))
                .isEqualTo(java.time.Instant.parse(at));
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));
        assertThat(OffsetDateTime.parse(fx.get(campaign).get("started_at").asString()).toInstant())
                .isAfterOrEqualTo(java.time.Instant.parse(at));
        assertThat(stat(campaign, "accepted")).isEqualTo(3);
    }

    @Test
    void runningOutOfCreditPausesTheCampaignAndResumeAfterATopUpFinishesIt() {
        var r = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY, "{\"name\":\"Poor " + System.nanoTime() + "\"}");
        key = r.text("api_key");
        fx = new CampaignFixtures(api, key);
        fx.consentingContacts("poor", 5000, 20);
        // the trial's 0.60 pays for fifteen 0.04 messages: the second page of ten cannot be paid in full
        String campaign = fx.campaign(fx.segment("poor"), fx.smsTemplate("marketing", "Oferta BAJA al 600"), "");
        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("paused"));
        var paused = fx.get(campaign);
        assertThat(paused.get("failure").asString()).isEqualTo("insufficient_balance");
        assertThat(paused.get("stats").get("targeted").asLong()).isEqualTo(10);

        var credit = api.post("/v1/workspaces/" + r.text("id") + "/credit", ApiClient.PLATFORM_KEY, "{\"amount\":5}");
        assertThat(credit.status()).as(credit.body()).isEqualTo(201);
        fx.action(campaign, "resume");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        assertThat(messages(id)).isEqualTo(20);
        assertThat(stat(campaign, "accepted")).isEqualTo(20);
    }

    private long stat(String campaign, String name) {
        return fx.get(campaign).get("stats").get(name).asLong();
    }

    private long messages(long campaignId) {
        return jdbc.sql("select count(*) from messages where campaign_id = :id").param("id", campaignId)
                .query(Long.class).single();
    }

    private long contactsMessaged(long campaignId) {
        return jdbc.sql("select count(distinct contact_id) from messages where campaign_id = :id")
                .param("id", campaignId).query(Long.class).single();
    }
}
