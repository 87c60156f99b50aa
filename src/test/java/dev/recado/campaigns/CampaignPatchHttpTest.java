package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.common.PublicId;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code PATCH /v1/campaigns/{id}}: a merge patch of a draft. What is left out keeps its value, what
 * is given is checked as a new campaign's, and a refused patch changes nothing.
 */
class CampaignPatchHttpTest extends CampaignHttpTest {

    static final String LATER = ",\"schedule\":{\"type\":\"at\",\"at\":\"2030-01-07T09:00:00Z\"}";

    @Test
    void aRenameKeepsEverythingElseTheFromAndTheAbTestIncluded() {
        fx.consentingContacts("rename", 1, 2);
        String a = fx.smsTemplate("marketing", "Oferta A");
        String b = fx.smsTemplate("marketing", "Oferta B");
        String campaign = fx.campaign(fx.segment("rename"), a, ",\"from\":\"" + sender() + "\",\"rate_per_minute\":120"
                + LATER + abTest(a, b));
        JsonNode before = fx.get(campaign);

        JsonNode after = patch(campaign, "{\"name\":\"Rebajas (2)\"}");
        assertThat(after.path("name").asString()).isEqualTo("Rebajas (2)");
        ((ObjectNode) before).put("name", "Rebajas (2)");
        assertThat(after).isEqualTo(before);
        assertThat(fx.get(campaign)).isEqualTo(before);
        JsonNode ab = estimate(campaign).path("ab_test");
        assertThat(ab.path("test_share_percent").asInt()).isEqualTo(50);
        assertThat(ab.path("variants").size()).isEqualTo(2);

        // from null: each channel's default sender again
        JsonNode defaulted = patch(campaign, "{\"from\":null}");
        assertThat(defaulted.path("from").isNull()).isTrue();
        assertThat(defaulted.path("rate_per_minute").asInt()).isEqualTo(120);
        assertThat(estimate(campaign).path("ab_test").path("variants").size()).isEqualTo(2);
    }

    @Test
    void aTemplateOrChannelIsCheckedAsOnCreateAndARefusalChangesNothing() {
        String sms = fx.smsTemplate("marketing", "Oferta");
        String campaign = fx.campaign(fx.segment("checked"), sms, LATER);
        JsonNode before = fx.get(campaign);
        var emailOnly = api.post("/v1/templates", key, "{\"name\":\"e\",\"variants\":[{\"channel\":\"email\","
                + "\"language\":\"es\",\"subject\":\"Rebajas\",\"text\":\"Hola\"}]}");
        assertThat(emailOnly.status()).as(emailOnly.body()).isEqualTo(201);

        refused(campaign, "{\"name\":\"renamed\",\"template_id\":\"" + emailOnly.text("id") + "\"}", "channel");
        refused(campaign, "{\"channel\":\"whatsapp\"}", "channel");
        refused(campaign, "{\"segment_id\":\"seg_999999999\"}", "segment_id");
        refused(campaign, "{\"rate_per_minute\":\"fast\"}", "rate_per_minute");
        refused(campaign, "{\"nmae\":\"typo\"}", "nmae");
        refused(campaign, "{\"schedule\":{\"type\":\"at\"}}", "schedule.at");
        assertThat(fx.get(campaign)).isEqualTo(before);

        // the channel to the email template's own: both given, both checked together
        JsonNode moved = patch(campaign, "{\"template_id\":\"" + emailOnly.text("id") + "\",\"channel\":\"email\"}");
        assertThat(moved.path("template_id").asString()).isEqualTo(emailOnly.text("id"));
        assertThat(moved.path("channel").asString()).isEqualTo("email");
    }

    @Test
    void channelsGivenReplaceTheDraftsSingleChannel() {
        var t = api.post("/v1/templates", key, "{\"name\":\"t\",\"purpose\":\"transactional\",\"variants\":["
                + "{\"channel\":\"whatsapp\",\"language\":\"es\",\"whatsapp_template\":\"hello_world\"},"
                + "{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"Hola\"}]}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        String campaign = fx.campaign(fx.segment("order"), t.text("id"), LATER);

        JsonNode order = patch(campaign, "{\"channels\":[\"whatsapp\",\"sms\"]}");
        assertThat(order.path("channels").toString()).isEqualTo("[\"whatsapp\",\"sms\"]");
        assertThat(order.path("schedule").path("at").asString()).isEqualTo("2030-01-07T09:00:00Z");
        JsonNode cheapest = patch(campaign, "{\"channel\":\"cheapest\"}");
        assertThat(cheapest.path("channel").asString()).isEqualTo("cheapest");
    }

    /**
     * A cheapest draft that named no candidates takes its template's channels; a new template brings
     * its own. Candidates that were named stay named.
     */
    @Test
    void aNewTemplateGivesACheapestDraftItsChannelsUnlessTheyWereNamed() {
        String smsEmail = template("{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"Hola\"},"
                + "{\"channel\":\"email\",\"language\":\"es\",\"subject\":\"Rebajas\",\"text\":\"Hola\"}");
        String whatsappSms = template("{\"channel\":\"whatsapp\",\"language\":\"es\",\"whatsapp_template\":\"hello_world\"},"
                + "{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"Hola\"}");
        String campaign = fx.campaign(fx.segment("cheap"), smsEmail, ",\"channel\":\"cheapest\"" + LATER);
        assertThat(fx.get(campaign).path("channels").toString()).isEqualTo("[\"sms\",\"email\"]");

        JsonNode moved = patch(campaign, "{\"template_id\":\"" + whatsappSms + "\"}");
        assertThat(moved.path("channel").asString()).isEqualTo("cheapest");
        assertThat(moved.path("channels").toString()).isEqualTo("[\"sms\",\"whatsapp\"]");

        patch(campaign, "{\"channels\":[\"sms\"],\"channel\":\"cheapest\"}");
        JsonNode named = patch(campaign, "{\"template_id\":\"" + smsEmail + "\"}");
        assertThat(named.path("channels").toString()).isEqualTo("[\"sms\"]");
    }

    private String template(String variants) {
        var t = api.post("/v1/templates", key, "{\"name\":\"t\",\"purpose\":\"transactional\",\"variants\":["
                + variants + "]}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        return t.text("id");
    }

    @Test
    void abTestNullRemovesTheTestAndOneCanBeAddedToADraft() {
        fx.consentingContacts("abpatch", 1, 2);
        String a = fx.smsTemplate("marketing", "Oferta A");
        String b = fx.smsTemplate("marketing", "Oferta B");
        String campaign = fx.campaign(fx.segment("abpatch"), a, LATER + abTest(a, b));
        assertThat(estimate(campaign).path("ab_test").isNull()).isFalse();

        JsonNode shown = fx.get(campaign).path("ab_test");
        assertThat(shown.path("variants").get(0).path("template_id").asString()).isEqualTo(a);
        assertThat(shown.path("test_share_percent").asInt()).isEqualTo(50);
        assertThat(shown.path("phase").asString()).isEqualTo("test");
        assertThat(shown.has("winner")).isTrue();
        JsonNode listed = StreamSupport.stream(api.get("/v1/campaigns", key).json().path("data").spliterator(), false)
                .filter(c -> c.path("id").asString().equals(campaign)).findFirst().orElseThrow();
        assertThat(listed.path("ab_test")).isEqualTo(shown);

        JsonNode removed = patch(campaign, "{\"ab_test\":null}");
        assertThat(removed.has("ab_test")).as(removed.toString()).isFalse();
        assertThat(fx.get(campaign).has("ab_test")).isFalse();
        assertThat(estimate(campaign).path("ab_test").isNull()).isTrue();
        assertThat(jdbc.sql("select count(*) from campaign_ab_tests where campaign_id = :id")
                .param("id", PublicId.parse("cmp_", campaign).orElseThrow()).query(Long.class).single()).isZero();

        patch(campaign, "{" + abTest(b, a).substring(1) + "}");
        JsonNode added = estimate(campaign).path("ab_test");
        assertThat(added.path("variants").get(0).path("template_id").asString()).isEqualTo(b);
        assertThat(added.path("variants").get(1).path("template_id").asString()).isEqualTo(a);
        refused(campaign, "{\"ab_test\":{\"variants\":[{\"template_id\":\"" + a + "\"}]}}", "ab_test.variants");
        assertThat(estimate(campaign).path("ab_test").path("variants").size()).isEqualTo(2);
    }

    /**
     * Two PATCHes of one draft at once, each changing another field: each applies over the other's
     * result, so neither change is lost and two A/B tests written at once do not collide.
     */
    @Test
    void concurrentPatchesOfOneDraftEachKeepTheOthersChange() throws Exception {
        String a = fx.smsTemplate("marketing", "Oferta A");
        String b = fx.smsTemplate("marketing", "Oferta B");
        String campaign = fx.campaign(fx.segment("race"), a, LATER);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (int round = 1; round <= 8; round++) {
                int r = round;
                var gate = new java.util.concurrent.CyclicBarrier(2);
                var rename = pool.submit(() -> {
                    gate.await();
                    return api.patch("/v1/campaigns/" + campaign, key, "{\"name\":\"round " + r + "\"" + abTest(a, b) + "}");
                });
                var rate = pool.submit(() -> {
                    gate.await();
                    return api.patch("/v1/campaigns/" + campaign, key, "{\"rate_per_minute\":" + (100 + r) + abTest(b, a) + "}");
                });
                assertThat(rename.get().status()).as(rename.get().body()).isEqualTo(200);
                assertThat(rate.get().status()).as(rate.get().body()).isEqualTo(200);
                JsonNode now = fx.get(campaign);
                assertThat(now.path("name").asString()).isEqualTo("round " + r);
                assertThat(now.path("rate_per_minute").asInt()).isEqualTo(100 + r);
                assertThat(now.path("ab_test").path("variants").size()).isEqualTo(2);
            }
        }
    }

    @Test
    void aCampaignPastDraftIsRefusedWith409() {
        String campaign = fx.campaign(fx.segment("started"), fx.smsTemplate("marketing", "Oferta"), LATER);
        assertThat(fx.action(campaign, "start").path("status").asString()).isEqualTo("scheduled");

        var r = api.patch("/v1/campaigns/" + campaign, key, "{\"name\":\"too late\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo("invalid_state");
        assertThat(fx.get(campaign).path("name").asString()).isEqualTo("c");
    }

    @Test
    void anotherWorkspacesCampaignIsNotFound() {
        String campaign = fx.campaign(fx.segment("mine"), fx.smsTemplate("marketing", "Oferta"), LATER);
        String other = CampaignFixtures.workspace(api, "other " + System.nanoTime());

        var r = api.patch("/v1/campaigns/" + campaign, other, "{\"name\":\"theirs\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.patch("/v1/campaigns/cmp_999999999", key, "{\"name\":\"x\"}").status()).isEqualTo(404);
        assertThat(fx.get(campaign).path("name").asString()).isEqualTo("c");
    }

    @Test
    void theDocumentDescribesThePatchWithPostsFieldsNoneRequired() {
        JsonNode doc = api.get("/v3/api-docs", null).json();
        JsonNode body = doc.path("paths").path("/v1/campaigns/{id}").path("patch").path("requestBody")
                .path("content").path("application/json");
        assertThat(body.path("example").path("name").isString()).as(body.toString()).isTrue();
        String ref = body.path("schema").path("$ref").asString();
        JsonNode schema = doc.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        assertThat(schema.path("properties").has("ab_test")).as(schema.toString()).isTrue();
        assertThat(schema.path("properties").has("template_id")).isTrue();
        assertThat(schema.path("properties").has("given")).isFalse();
        assertThat(schema.has("required")).isFalse();
    }

    private static String abTest(String first, String second) {
        return ",\"ab_test\":{\"variants\":[{\"template_id\":\"" + first + "\"},{\"template_id\":\"" + second
                + "\"}],\"test_share_percent\":50}";
    }

    private JsonNode patch(String campaign, String body) {
        var r = api.patch("/v1/campaigns/" + campaign, key, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private void refused(String campaign, String body, String field) {
        var r = api.patch("/v1/campaigns/" + campaign, key, body);
        assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo("validation_failed");
        assertThat(StreamSupport.stream(r.json().path("errors").spliterator(), false)
                .map(e -> e.path("field").asString())).as(r.body()).contains(field);
    }

    private String sender() {
        return StreamSupport.stream(api.get("/v1/senders", key).json().path("data").spliterator(), false)
                .filter(s -> s.path("provider").asString().equals("sandbox")).findFirst().orElseThrow()
                .path("id").asString();
    }

    private JsonNode estimate(String campaign) {
        var r = api.get("/v1/campaigns/" + campaign + "/estimate", key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
