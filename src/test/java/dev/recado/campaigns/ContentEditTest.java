package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code PATCH} and {@code DELETE} of templates and segments: checked as new ones, refused while a
 * campaign that may still send uses them, and a running campaign keeps what it started with.
 */
class ContentEditTest extends CampaignHttpTest {

    @Test
    void aTemplateAndASegmentAreEditedFieldByFieldAndBadInputChangesNothing() {
        String template = fx.smsTemplate("marketing", "Hola {{first_name}}");
        var renamed = api.patch("/v1/templates/" + template, key, "{\"name\":\"Rebajas\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.text("name")).isEqualTo("Rebajas");
        assertThat(renamed.json().get("variants").get(0).get("body").asString()).isEqualTo("Hola {{first_name}}");

        var replaced = api.patch("/v1/templates/" + template, key, """
                {"purpose":"transactional","variants":[{"channel":"sms","language":"en","body":"Hi"},
                 {"channel":"email","language":"en","subject":"Hi","text":"Hi there"}]}""");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        var got = api.get("/v1/templates/" + template, key).json();
        assertThat(got.get("purpose").asString()).isEqualTo("transactional");
        assertThat(got.get("variants")).hasSize(2);
        assertThat(got.get("name").asString()).isEqualTo("Rebajas");

        var bad = api.patch("/v1/templates/" + template, key,
                "{\"name\":\" \",\"variants\":[{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"{{ oops\"}]}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.json().get("errors").toString()).contains("\"name\"").contains("variants[0].body");
        assertThat(api.get("/v1/templates/" + template, key).json()).isEqualTo(got);

        String segment = fx.segment("edit");
        var edited = api.patch("/v1/segments/" + segment, key,
                "{\"match\":\"any\",\"conditions\":[{\"field\":\"tag\",\"op\":\"has\",\"value\":\"other\"}]}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.text("match")).isEqualTo("any");
        assertThat(edited.text("name")).isEqualTo("edit");
        var badSegment = api.patch("/v1/segments/" + segment, key,
                "{\"conditions\":[{\"field\":\"tag\",\"op\":\"gt\",\"value\":\"x\"}]}");
        assertThat(badSegment.status()).as(badSegment.body()).isEqualTo(422);
        assertThat(badSegment.json().get("errors").get(0).get("field").asString()).startsWith("conditions[0]");
        assertThat(api.get("/v1/segments/" + segment, key).json()).isEqualTo(edited.json());

        String other = CampaignFixtures.workspace(api, "Other " + System.nanoTime());
        assertThat(api.patch("/v1/templates/" + template, other, "{\"name\":\"x\"}").status()).isEqualTo(404);
        assertThat(api.delete("/v1/segments/" + segment, other).status()).isEqualTo(404);
    }

    @Test
    void aTemplateUsedOnlyAsAnAbVariantOfAScheduledCampaignIsHeldAgainstDeletion() {
        fx.consentingContacts("abheld", 7300, 1);
        String own = fx.smsTemplate("marketing", "Propia");
        String a = fx.smsTemplate("marketing", "Variante A");
        String b = fx.smsTemplate("marketing", "Variante B");
        String unused = fx.smsTemplate("marketing", "Sin usar");
        String at = java.time.Instant.now().plus(2, java.time.temporal.ChronoUnit.DAYS).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS).toString();
        String campaign = fx.campaign(fx.segment("abheld"), own, ",\"schedule\":{\"type\":\"at\",\"at\":\"" + at
                + "\"},\"ab_test\":{\"variants\":[{\"template_id\":\"" + a + "\"},{\"template_id\":\"" + b
                + "\"}],\"test_share_percent\":20,\"winner_by\":\"click_rate\",\"decide_after_minutes\":60}");
        assertThat(fx.action(campaign, "start").path("status").asString()).isEqualTo("scheduled");

        // the campaign's own template is another one: the variants are read from the A/B test's row
        var inUse = api.delete("/v1/templates/" + b, key);
        assertThat(inUse.status()).as(inUse.body()).isEqualTo(409);
        assertThat(inUse.text("code")).isEqualTo("template_in_use");
        assertThat(inUse.text("campaign_id")).isEqualTo(campaign);
        assertThat(api.delete("/v1/templates/" + unused, key).status()).isEqualTo(204);
    }

    @Test
    void aRunningCampaignKeepsItsContentAndAudienceAndHoldsThemAgainstDeletion() {
        fx.consentingContacts("snap", 7100, 30);
        fx.consentingContacts("later", 7200, 2);
        String segment = fx.segment("snap");
        String template = fx.smsTemplate("marketing", "Antes BAJA al 600");
        // 240 a minute in pages of ten: three pages 2.5 s apart, time enough to edit between them
        String campaign = fx.campaign(segment, template, ",\"rate_per_minute\":240");
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(20)).until(() -> messages(id) > 0);

        assertThat(api.patch("/v1/templates/" + template, key, "{\"variants\":[{\"channel\":\"sms\",\"language\":\"es\","
                + "\"body\":\"Después BAJA al 600\"}]}").status()).isEqualTo(200);
        assertThat(api.patch("/v1/segments/" + segment, key, "{\"conditions\":[{\"field\":\"tag\",\"op\":\"has\","
                + "\"value\":\"later\"}]}").status()).isEqualTo(200);
        var inUse = api.delete("/v1/templates/" + template, key);
        assertThat(inUse.status()).as(inUse.body()).isEqualTo(409);
        assertThat(inUse.text("code")).isEqualTo("template_in_use");
        assertThat(inUse.text("campaign_id")).isEqualTo(campaign);
        assertThat(api.delete("/v1/segments/" + segment, key).json().get("code").asString()).isEqualTo("segment_in_use");

        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));
        assertThat(messages(id)).isEqualTo(30);
        assertThat(jdbc.sql("select count(*) from messages where campaign_id = :id and body like 'Antes%'")
                .param("id", id).query(Long.class).single()).isEqualTo(30);
        assertThat(fx.get(campaign).get("stats").get("targeted").asLong()).isEqualTo(30);

        // a campaign started now takes the edits
        String next = fx.campaign(segment, template, "");
        long nextId = PublicId.parse("cmp_", next).orElseThrow();
        fx.action(next, "start");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(next).get("status").asString().equals("completed"));
        assertThat(jdbc.sql("select body from messages where campaign_id = :id").param("id", nextId)
                .query(String.class).list()).hasSize(2).allSatisfy(b -> assertThat(b).startsWith("Después"));

        // finished campaigns do not hold them: gone from the API, the campaigns still read
        assertThat(api.delete("/v1/templates/" + template, key).status()).isEqualTo(204);
        assertThat(api.delete("/v1/segments/" + segment, key).status()).isEqualTo(204);
        assertThat(api.get("/v1/templates/" + template, key).status()).isEqualTo(404);
        assertThat(api.get("/v1/segments/" + segment, key).status()).isEqualTo(404);
        assertThat(api.get("/v1/templates", key).body()).doesNotContain(template);
        assertThat(api.delete("/v1/templates/" + template, key).status()).isEqualTo(404);
        assertThat(api.get("/v1/campaigns/" + campaign + "/report", key).status()).isEqualTo(200);
        var refused = api.post("/v1/campaigns", key, "{\"name\":\"c\",\"segment_id\":\"" + segment
                + "\",\"template_id\":\"" + template + "\",\"channel\":\"sms\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("segment_id").contains("template_id");
    }

    private long messages(long campaignId) {
        return jdbc.sql("select count(*) from messages where campaign_id = :id").param("id", campaignId)
                .query(Long.class).single();
    }
}
