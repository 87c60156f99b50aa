package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code /v1/campaigns}: creation, reading, listing, refusals and state rules. */
@RecadoTest
class CampaignApiTest {

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
        key = api.newWorkspace("Campaign API " + System.nanoTime());
        fx = new CampaignFixtures(api, key);
    }

    @Test
    void createsADraftAndReadsItBack() {
        String segment = fx.segment("x");
        String template = fx.smsTemplate("marketing", "Hola");
        String id = fx.campaign(segment, template, ",\"rate_per_minute\":600,\"from\":\"MiTienda\"");
        assertThat(id).startsWith("cmp_");
        var c = fx.get(id);
        assertThat(c.get("status").asString()).isEqualTo("draft");
        assertThat(c.get("segment_id").asString()).isEqualTo(segment);
        assertThat(c.get("template_id").asString()).isEqualTo(template);
        assertThat(c.get("purpose").asString()).isEqualTo("marketing");
        assertThat(c.get("rate_per_minute").asInt()).isEqualTo(600);
        assertThat(c.get("from").asString()).isEqualTo("MiTienda");
        assertThat(c.get("schedule").get("type").asString()).isEqualTo("now");
        assertThat(c.get("stats").get("targeted").asLong()).isZero();
        assertThat(c.get("stats").get("skipped").isEmpty()).isTrue();
        assertThat(api.get("/v1/campaigns", key).json().get("data").get(0).get("id").asString()).isEqualTo(id);
        assertThat(api.get("/v1/campaigns/" + id, api.newWorkspace("Other")).status()).isEqualTo(404);
        assertThat(api.post("/v1/campaigns/" + id + "/pause", key, "").status()).isEqualTo(409);
        assertThat(api.post("/v1/campaigns/cmp_zzz/start", key, "").status()).isEqualTo(404);
    }

    @Test
    void badCampaignsAre422NamingEachFieldAndWriteNothing() {
        String template = fx.smsTemplate("marketing", "Hola");
        long before = jdbc.sql("select count(*) from campaigns").query(Long.class).single();
        var r = api.post("/v1/campaigns", key, """
                {"segment_id":"seg_zz","template_id":"%s","channel":"email","purpose":"spam","rate_per_minute":0,
                 "schedule":{"type":"weekly"}}""".formatted(template));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("\"segment_id\"", "\"channel\"", "\"purpose\"", "\"rate_per_minute\"",
                "\"schedule.type\"").doesNotContain("\"template_id\"");
        var noAt = api.post("/v1/campaigns", key, "{\"segment_id\":\"" + fx.segment("y") + "\",\"template_id\":\"tpl_1\","
                + "\"schedule\":{\"type\":\"at\"}}");
        assertThat(noAt.status()).isEqualTo(422);
        assertThat(noAt.body()).contains("\"schedule.at\"", "\"template_id\"");
        var badTime = api.post("/v1/campaigns", key, "{\"segment_id\":\"seg_1\",\"template_id\":\"tpl_1\","
                + "\"schedule\":{\"type\":\"at\",\"at\":\"tomorrow\"}}");
        assertThat(badTime.status()).isEqualTo(422);
        assertThat(badTime.body()).contains("schedule.at");
        assertThat(jdbc.sql("select count(*) from campaigns").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void cancelCancelsTheMessagesStillInTheQueueAndCountsThem() {
        // a sender that never connects: the campaign's messages wait in the queue
        var sender = api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"Down\",\"host\":\"127.0.0.1\","
                + "\"port\":1,\"system_id\":\"down\",\"password\":\"pw\",\"source_address\":\"Tienda\",\"default\":true}");
        assertThat(sender.status()).as(sender.body()).isEqualTo(201);
        fx.consentingContacts("queued", 7000, 3);
        String campaign = fx.campaign(fx.segment("queued"), fx.smsTemplate("marketing", "Oferta BAJA al 600"), "");
        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(20)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));
        assertThat(fx.get(campaign).get("stats").get("accepted").asLong()).isEqualTo(3);

        // completed means fanned out; cancel still stops what has not left
        assertThat(api.post("/v1/campaigns/" + campaign + "/cancel", key, "").status()).isEqualTo(409);
        String second = fx.campaign(fx.segment("queued"), fx.smsTemplate("marketing", "Otra BAJA al 600"),
                ",\"rate_per_minute\":12");
        fx.action(second, "start");
        await().atMost(Duration.ofSeconds(20)).until(() -> fx.get(second).get("stats").get("accepted").asLong() == 1);
        assertThat(fx.action(second, "cancel").get("status").asString()).isEqualTo("canceled");
        long id = PublicId.parse("cmp_", second).orElseThrow();
        assertThat(jdbc.sql("select status from messages where campaign_id = :id").param("id", id).query(String.class)
                .list()).containsExactly("canceled");
        await().atMost(Duration.ofSeconds(20)).until(() -> fx.get(second).get("stats").get("canceled").asLong() == 1);
    }
}
