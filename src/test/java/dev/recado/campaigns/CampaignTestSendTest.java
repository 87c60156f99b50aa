package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** {@code POST /v1/campaigns/{id}/test}: a draft's content to a seed list now, consent still asked, stats untouched. */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=20",
        "recado.campaigns.page-size=10", "recado.campaigns.poll-millis=200"})
class CampaignTestSendTest {

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
        key = CampaignFixtures.workspace(api, "Seeds " + System.nanoTime());
        fx = new CampaignFixtures(api, key);
    }

    @Test
    void aDraftSendsItsPersonalisedContentToSeedsWithConsentAndCountsNothing() {
        String seed = fx.consentingContacts("seed", 9000, 1).get(0);
        String campaign = fx.campaign(fx.segment("seed"),
                fx.smsTemplate("marketing", "Hola {{first_name | default: \\\"cliente\\\"}}, mira https://shop.example/x"), "");

        var r = api.post("/v1/campaigns/" + campaign + "/test", key, "{\"to\":[\"" + seed + "\",\"+34619990111\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var data = r.json().get("data");
        assertThat(data.get(0).get("to").asString()).isEqualTo(seed);
        assertThat(data.get(0).get("message_id").asString()).startsWith("msg_");
        // a number nobody asked to hear from: the engine's consent rule still holds
        assertThat(data.get(1).get("error").asString()).isEqualTo("consent_missing");
        assertThat(data.get(1).has("message_id")).isFalse();

        long message = PublicId.parse("msg_", data.get(0).get("message_id").asString()).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(jdbc.sql("select status from messages where id = :id")
                .param("id", message).query(String.class).single()));
        var row = jdbc.sql("select body, campaign_id, client_ref, metadata from messages where id = :id").param("id", message)
                .query().singleRow();
        assertThat((String) row.get("body")).matches("Hola P0, mira http://localhost:\\d+/l/[0-9A-Za-z]{10}\nResponde BAJA"
                + " para no recibir mas mensajes");
        assertThat(row.get("campaign_id")).isNull();
        assertThat(row.get("client_ref")).isNull();
        assertThat((String) row.get("metadata")).contains("\"campaign_test\":\"" + campaign + "\"");

        var c = fx.get(campaign);
        assertThat(c.get("status").asString()).isEqualTo("draft");
        assertThat(c.get("stats").get("targeted").asLong()).isZero();
        assertThat(c.get("stats").get("sent").asLong()).isZero();
        assertThat(c.get("stats").get("cost").decimalValue()).isZero();
        var report = api.get("/v1/campaigns/" + campaign + "/report", key).json();
        assertThat(report.get("sent").asLong()).isZero();
        assertThat(report.get("series")).isEmpty();
    }

    @Test
    void refusesBadSeedListsNamingTheField() {
        String campaign = fx.campaign(fx.everyone(), fx.smsTemplate("marketing", "Hola BAJA"), "");
        var tooMany = api.post("/v1/campaigns/" + campaign + "/test", key, "{\"to\":["
                + String.join(",", Collections.nCopies(11, "\"+34619990111\"")) + "]}");
        assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(422);
        assertThat(tooMany.body()).contains("\"to\"");
        var unknown = api.post("/v1/campaigns/" + campaign + "/test", key, "{\"to\":[\"+34619990111\",\"ct_99999999\"]}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.body()).contains("to[1]");
        assertThat(api.post("/v1/campaigns/" + campaign + "/test", key, "{\"to\":[\"+34619990111\"],\"variant\":1}").status())
                .isEqualTo(422);
        assertThat(api.post("/v1/campaigns/cmp_99999999/test", key, "{\"to\":[\"+34619990111\"]}").status()).isEqualTo(404);
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        // nothing made on refusal: no message, and no contact for the list's number
        assertThat(jdbc.sql("select count(*) from messages where workspace_id = (select workspace_id from campaigns"
                + " where id = :id)").param("id", id).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from contacts where workspace_id = (select workspace_id from campaigns"
                + " where id = :id)").param("id", id).query(Long.class).single()).isZero();
    }
}
