package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
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
}
