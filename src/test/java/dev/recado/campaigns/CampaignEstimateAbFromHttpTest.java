package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.common.PublicId;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/campaigns/{id}/estimate} of what the review did not look at before: the A/B
 * variants' own templates (the campaign's is never sent with a test) and the campaign's
 * {@code from}. Four Spanish contacts with SMS marketing consent (+346: 0.04 a segment); a short
 * text of one segment and {@link CampaignEstimateHttpTest#LONG} of two.
 */
class CampaignEstimateAbFromHttpTest extends CampaignHttpTest {

    static final String SHORT = "Oferta BAJA al 600";

    @Test
    void eachVariantIsPricedAndTheRestAtTheDearestWinnerUntilOneIsChosen() {
        fx.consentingContacts("abe", 1, 4);
        String cheap = fx.smsTemplate("marketing", SHORT);
        String dear = fx.smsTemplate("marketing", CampaignEstimateHttpTest.LONG);
        String campaign = fx.campaign(fx.segment("abe"), cheap, ",\"ab_test\":{\"variants\":[{\"template_id\":\""
                + cheap + "\"},{\"template_id\":\"" + dear + "\"}],\"test_share_percent\":50}");

        // alone, each template costs 4 × 0.04 and 4 × 0.08; the test share (half) splits evenly over
        // them and the rest, half, gets the winner: 0.04 + 0.08 + 0.08 (cheap wins) or + 0.16 (dear wins)
        var e = estimate(campaign);
        JsonNode ab = e.path("ab_test");
        assertThat(ab.path("test_share_percent").asInt()).isEqualTo(50);
        assertThat(ab.path("winner").isNull()).isTrue();
        assertThat(ab.path("assumes").asString()).isEqualTo("dearest_variant_wins");
        assertThat(ab.path("assumed_winner").asInt()).isEqualTo(1);
        assertThat(ab.path("total_min").decimalValue()).isEqualByComparingTo("0.20");
        assertThat(ab.path("total_max").decimalValue()).isEqualByComparingTo("0.28");
        JsonNode variants = ab.path("variants");
        assertThat(variants.size()).isEqualTo(2);
        assertThat(variants.get(0).path("template_id").asString()).isEqualTo(cheap);
        assertThat(variants.get(0).path("total_if_sent_to_all").decimalValue()).isEqualByComparingTo("0.16");
        assertThat(variants.get(0).path("total_if_winner").decimalValue()).isEqualByComparingTo("0.20");
        assertThat(variants.get(1).path("template_id").asString()).isEqualTo(dear);
        assertThat(variants.get(1).path("total_if_sent_to_all").decimalValue()).isEqualByComparingTo("0.32");
        assertThat(variants.get(1).path("by_channel_if_sent_to_all").path("sms").path("recipients").asLong())
                .isEqualTo(4);
        assertThat(variants.get(1).path("total_if_winner").decimalValue()).isEqualByComparingTo("0.28");
        // the campaign's figures are the worst case, channel by channel
        assertThat(e.path("total").decimalValue()).isEqualByComparingTo("0.28");
        assertThat(e.path("by_channel").path("sms").path("recipients").asLong()).isEqualTo(4);
        assertThat(e.path("by_channel").path("sms").path("cost").decimalValue()).isEqualByComparingTo("0.28");
        JsonNode segments = e.path("segments").path("sms");
        assertThat(segments.path("min").asInt()).isEqualTo(1);
        assertThat(segments.path("max").asInt()).isEqualTo(2);
        // one recipient of four at one segment, three at two
        assertThat(segments.path("mean").decimalValue()).isEqualByComparingTo("1.75");

        // once the winner is chosen, the rest is priced at it
        jdbc.sql("update campaign_ab_tests set phase = 'rest', winner = 0 where campaign_id = :id")
                .param("id", PublicId.parse("cmp_", campaign).orElseThrow()).update();
        var decided = estimate(campaign);
        assertThat(decided.path("ab_test").path("assumes").asString()).isEqualTo("winner");
        assertThat(decided.path("ab_test").path("winner").asInt()).isZero();
        assertThat(decided.path("ab_test").path("total_min").decimalValue()).isEqualByComparingTo("0.20");
        assertThat(decided.path("ab_test").path("total_max").decimalValue()).isEqualByComparingTo("0.20");
        assertThat(decided.path("total").decimalValue()).isEqualByComparingTo("0.20");
    }

    @Test
    void aCampaignWithoutATestSaysSo() {
        fx.consentingContacts("noab", 1, 1);
        var e = estimate(fx.campaign(fx.segment("noab"), fx.smsTemplate("marketing", SHORT), ""));
        assertThat(e.has("ab_test")).isTrue();
        assertThat(e.path("ab_test").isNull()).isTrue();
    }

    @Test
    void aSenderDisabledSinceIsRefusedByTheEstimateAndTheStartAsAcceptanceRefusesIt() {
        fx.consentingContacts("from", 1, 2);
        String sms = sender("sandbox");
        String campaign = fx.campaign(fx.segment("from"), fx.smsTemplate("marketing", SHORT),
                ",\"from\":\"" + sms + "\"");
        assertThat(estimate(campaign).path("total").decimalValue()).isEqualByComparingTo("0.08");

        var disabled = api.patch("/v1/senders/" + sms, key, "{\"enabled\":false}");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        var r = api.get("/v1/campaigns/" + campaign + "/estimate", key);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo("sender_not_allowed");
        assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("from");

        // acceptance would refuse every message and fail the campaign on its first page: the start says so at once
        var start = api.post("/v1/campaigns/" + campaign + "/start", key, "");
        assertThat(start.status()).as(start.body()).isEqualTo(422);
        assertThat(start.text("code")).isEqualTo("sender_not_allowed");
        assertThat(start.json().path("errors").get(0).path("field").asString()).isEqualTo("from");
        assertThat(fx.get(campaign).path("status").asString()).isEqualTo("draft");
    }

    @Test
    void aChannelThatRefusesTheFromPassesItsRecipientsOn() {
        fx.consentingContacts("fromorder", 1, 2);
        var t = api.post("/v1/templates", key, "{\"name\":\"t\",\"purpose\":\"transactional\",\"variants\":["
                + "{\"channel\":\"whatsapp\",\"language\":\"es\",\"whatsapp_template\":\"hello_world\"},"
                + "{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"" + SHORT + "\"}]}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        var c = api.post("/v1/campaigns", key, "{\"segment_id\":\"" + fx.segment("fromorder") + "\",\"template_id\":\""
                + t.text("id") + "\",\"channels\":[\"whatsapp\",\"sms\"],\"from\":\"" + sender("sandbox") + "\"}");
        assertThat(c.status()).as(c.body()).isEqualTo(201);

        // an SMS sender cannot carry WhatsApp: acceptance passes that channel over for everyone
        var e = estimate(c.text("id"));
        assertThat(e.path("by_channel").path("whatsapp").path("recipients").asLong()).isZero();
        assertThat(e.path("by_channel").path("sms").path("recipients").asLong()).isEqualTo(2);
        assertThat(e.path("total").decimalValue()).isEqualByComparingTo("0.08");
        assertOnlyPassedOver(e, "whatsapp", "sender_not_allowed", 2, 0);
    }

    /** The workspace's sandbox sender of a provider. */
    private String sender(String provider) {
        return StreamSupport.stream(api.get("/v1/senders", key).json().path("data").spliterator(), false)
                .filter(s -> s.path("provider").asString().equals(provider)).findFirst().orElseThrow()
                .path("id").asString();
    }

    private JsonNode estimate(String campaign) {
        var r = api.get("/v1/campaigns/" + campaign + "/estimate", key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
