package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/campaigns/{id}/estimate}: the console's review of a saved campaign. The audience:
 * three contacts in Spain (+346, 0.04 a segment on the platform's price list) and one in New York
 * (+1, 0.01), all with SMS marketing consent, one Spanish number without consent and one contact with
 * only an email address; the text is long enough for two GSM segments with the opt-out footer.
 */
class CampaignEstimateHttpTest extends CampaignHttpTest {

    static final String LONG = "Rebajas de invierno en todas las tiendas: un 20 por ciento de descuento en abrigos,"
            + " botas y bufandas hasta el domingo. Ven a vernos y trae a quien quieras, te esperamos con un cafe.";

    @Test
    void aCampaignIsEstimatedPerRecipientAtTheirOwnPriceAndSegments() {
        List<String> spain = fx.consentingContacts("est", 1, 3);
        String newYork = fx.contact("{\"phone\":\"+12127365001\",\"first_name\":\"Bob\",\"language\":\"en\","
                + "\"tags\":[\"est\"]}");
        fx.consent(newYork, "opted_in");
        fx.contact("{\"phone\":\"+34610000099\",\"first_name\":\"Sin\",\"language\":\"es\",\"tags\":[\"est\"]}");
        fx.contact("{\"email\":\"solo@example.com\",\"language\":\"es\",\"tags\":[\"est\"]}");
        String template = fx.smsTemplate("marketing", LONG);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String campaign = fx.campaign(fx.segment("est"), template, "");

        // what one recipient of each country costs, as the template preview prices them
        var es = preview(template, spain.get(0));
        var us = preview(template, newYork);
        assertThat(es.path("segments").asInt()).isEqualTo(2);
        assertThat(us.path("segments").asInt()).isEqualTo(2);
        assertThat(es.path("price").decimalValue()).isEqualByComparingTo("0.08");
        assertThat(us.path("price").decimalValue()).isEqualByComparingTo("0.02");

        var r = api.get("/v1/campaigns/" + campaign + "/estimate", key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode e = r.json();
        assertThat(e.path("campaign_id").asString()).isEqualTo(campaign);
        assertThat(e.path("purpose").asString()).isEqualTo("marketing");
        assertThat(e.path("cheapest").asBoolean()).isFalse();
        assertThat(Instant.parse(e.path("starts_at").asString())).isBetween(before, Instant.now());
        assertThat(e.path("channels").toString()).isEqualTo("[\"sms\"]");
        JsonNode sms = e.path("by_channel").path("sms");
        assertThat(sms.path("recipients").asLong()).isEqualTo(4);
        BigDecimal expected = es.path("price").decimalValue().multiply(BigDecimal.valueOf(3))
                .add(us.path("price").decimalValue());
        assertThat(sms.path("cost").decimalValue()).isEqualByComparingTo(expected).isEqualByComparingTo("0.26");
        assertThat(e.path("total").decimalValue()).isEqualByComparingTo("0.26");
        assertThat(e.path("currency").asString()).isEqualTo("EUR");
        // no consent, and no phone number
        assertThat(e.path("unreachable").asLong()).isEqualTo(2);
        assertThat(e.path("capped").asLong()).isZero();
        assertThat(e.path("window_channel").isNull()).isTrue();
        assertThat(e.path("passed_over").size()).isZero();
        JsonNode segments = e.path("segments").path("sms");
        assertThat(segments.path("min").asInt()).isEqualTo(2);
        assertThat(segments.path("max").asInt()).isEqualTo(2);
        assertThat(segments.path("mean").decimalValue()).isEqualByComparingTo("2");
        assertThat(segments.path("sampled").asBoolean()).isFalse();
        JsonNode top = e.path("top_destinations");
        assertThat(top.size()).isEqualTo(2);
        assertThat(top.get(0).path("prefix").asString()).isEqualTo("346");
        assertThat(top.get(0).path("recipients").asLong()).isEqualTo(3);
        assertThat(top.get(0).path("cost").decimalValue()).isEqualByComparingTo("0.24");
        assertThat(top.get(1).path("prefix").asString()).isEqualTo("1");
        assertThat(top.get(1).path("cost").decimalValue()).isEqualByComparingTo("0.02");
    }

    @Test
    void aScheduledCampaignIsEstimatedAtItsStartAndAnEmptyAudienceForNobody() {
        fx.consentingContacts("later", 1, 1);
        Instant at = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String template = fx.smsTemplate("transactional", "Su pedido sale manana");
        String scheduled = fx.campaign(fx.segment("later"), template,
                ",\"schedule\":{\"type\":\"at\",\"at\":\"" + at + "\"}");
        var e = estimate(scheduled);
        assertThat(Instant.parse(e.path("starts_at").asString())).isEqualTo(at);
        assertThat(e.path("purpose").asString()).isEqualTo("transactional");
        assertThat(e.path("by_channel").path("sms").path("recipients").asLong()).isEqualTo(1);
        assertThat(e.path("total").decimalValue()).isEqualByComparingTo("0.04");

        var nobody = estimate(fx.campaign(fx.segment("nobody"), template, ""));
        assertThat(nobody.path("by_channel").path("sms").path("recipients").asLong()).isZero();
        assertThat(nobody.path("unreachable").asLong()).isZero();
        assertThat(nobody.path("total").decimalValue()).isEqualByComparingTo("0");
    }

    /** The campaign sends with smart encoding, so its preview and estimate both count ’ swapped: one segment. */
    @Test
    void aCurlyApostropheIsPreviewedAndEstimatedAsTheCampaignSendsIt() {
        List<String> spain = fx.consentingContacts("smart", 1, 2);
        String template = fx.smsTemplate("transactional", "Your order is ready: pick it up at Calle Mayor 12 before"
                + " Friday at 20:00 and bring the receipt, it’s needed.");
        var p = preview(template, spain.get(0));
        assertThat(p.path("encoding").asString()).isEqualTo("gsm7");
        assertThat(p.path("segments").asInt()).isEqualTo(1);
        var e = estimate(fx.campaign(fx.segment("smart"), template, ""));
        assertThat(e.path("segments").path("sms").path("max").asInt()).isEqualTo(1);
        assertThat(e.path("total").decimalValue())
                .isEqualByComparingTo(p.path("price").decimalValue().multiply(BigDecimal.TWO)).isEqualByComparingTo("0.08");
    }

    @Test
    void anOrderOfChannelsIsPricedOnTheChannelsTheTemplateHasInItsOrder() {
        fx.consentingContacts("order", 1, 2);
        var t = api.post("/v1/templates", key, "{\"name\":\"t\",\"purpose\":\"marketing\",\"variants\":["
                + "{\"channel\":\"email\",\"language\":\"es\",\"subject\":\"Hola\",\"text\":\"Hola\"},"
                + "{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"Oferta BAJA al 600\"}]}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        var c = api.post("/v1/campaigns", key, "{\"segment_id\":\"" + fx.segment("order") + "\",\"template_id\":\""
                + t.text("id") + "\",\"channels\":[\"webchat\",\"email\",\"sms\"]}");
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        var e = estimate(c.text("id"));
        // webchat has no variant; nobody has an email address, so SMS takes both
        assertThat(e.path("channels").toString()).isEqualTo("[\"email\",\"sms\"]");
        assertThat(e.path("by_channel").path("email").path("recipients").asLong()).isZero();
        assertThat(e.path("by_channel").path("sms").path("recipients").asLong()).isEqualTo(2);
        assertThat(e.path("total").decimalValue()).isEqualByComparingTo("0.08");
    }

    @Test
    void anUnknownCampaignIsNotFound() {
        String campaign = fx.campaign(fx.everyone(), fx.smsTemplate("marketing", "Hola"), "");
        for (var r : List.of(api.get("/v1/campaigns/cmp_zzzzzzzz/estimate", key),
                api.get("/v1/campaigns/nope/estimate", key),
                api.get("/v1/campaigns/" + campaign + "/estimate", api.newWorkspace("Other " + System.nanoTime())))) {
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.text("code")).isEqualTo("not_found");
        }
    }

    @Test
    void aCampaignWhoseAudienceOrContentIsGoneIsRefusedAsItsStartWouldBe() {
        fx.consentingContacts("gone", 1, 1);
        String segment = fx.segment("gone");
        String template = fx.smsTemplate("marketing", "Hola");
        String withoutSegment = fx.campaign(segment, template, "");
        assertThat(api.delete("/v1/segments/" + segment, key).status()).isEqualTo(204);
        refusedAsStart(withoutSegment, 409, "segment_deleted", "segment_id");

        String other = fx.smsTemplate("marketing", "Adios");
        String withoutTemplate = fx.campaign(fx.segment("gone"), other, "");
        assertThat(api.delete("/v1/templates/" + other, key).status()).isEqualTo(204);
        refusedAsStart(withoutTemplate, 409, "template_deleted", "template_id");

        // an A/B variant's template is sent as much as the campaign's own
        String a = fx.smsTemplate("marketing", "Oferta A BAJA al 600");
        String b = fx.smsTemplate("marketing", "Oferta B BAJA al 600");
        String tested = fx.campaign(fx.segment("gone"), a, ",\"ab_test\":{\"variants\":[{\"template_id\":\"" + a
                + "\"},{\"template_id\":\"" + b + "\"}]}");
        assertThat(api.delete("/v1/templates/" + b, key).status()).isEqualTo(204);
        refusedAsStart(tested, 409, "template_deleted", "ab_test.variants[1].template_id");

        // no longer sendable at all, which starting does not check: invalid, not gone
        String emailOnly = fx.smsTemplate("marketing", "Hola de nuevo");
        String noVariant = fx.campaign(fx.segment("gone"), emailOnly, "");
        var edited = api.patch("/v1/templates/" + emailOnly, key, "{\"variants\":[{\"channel\":\"email\","
                + "\"language\":\"es\",\"subject\":\"Hola\",\"text\":\"Hola\"}]}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        refused(noVariant, 422, "validation_failed", "channel");
    }

    /** The estimate refuses as start does, and neither changes the draft. */
    private void refusedAsStart(String campaign, int status, String code, String field) {
        refused(campaign, status, code, field);
        var start = api.post("/v1/campaigns/" + campaign + "/start", key, "");
        assertThat(start.status()).as(start.body()).isEqualTo(status);
        assertThat(start.text("code")).isEqualTo(code);
        assertThat(start.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
        assertThat(fx.get(campaign).path("status").asString()).isEqualTo("draft");
    }

    private void refused(String campaign, int status, String code, String field) {
        var r = api.get("/v1/campaigns/" + campaign + "/estimate", key);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo(code);
        assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
    }

    private JsonNode estimate(String campaign) {
        var r = api.get("/v1/campaigns/" + campaign + "/estimate", key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode preview(String template, String contact) {
        ApiClient.Response r = api.post("/v1/templates/" + template + "/preview", key,
                "{\"contact\":\"" + contact + "\",\"channel\":\"sms\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
