package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.campaigns.CampaignFixtures;
import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.ClockedRecadoTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A draft made through the API with what the builder does not edit (an A/B test) or did not show
 * before (its {@code from}), resumed and saved in the builder: both survive, and the builder's review
 * of the draft is its {@code GET /v1/campaigns/{id}/estimate}. Four Spanish contacts with SMS
 * marketing consent (+346: 0.04 a segment); {@link #SHORT} is one segment, {@link #LONG} two.
 */
@ClockedRecadoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignBuilderDraftHttpTest extends NewWorkspaceSupport {

    static final String SHORT = "Oferta BAJA al 600";
    static final String LONG = "Esta semana tienes un veinte por ciento de descuento en toda la tienda y ademas el envio"
            + " gratis en todos los pedidos de mas de treinta euros hasta el domingo por la noche BAJA al 600";

    /** A workspace of the four, its templates, its sandbox SMS sender and a console user signed in to it. */
    record Shop(ApiClient api, String key, CampaignFixtures fx, String segment, String cheap, String dear, String sms,
            ConsoleSession owner, String email) {
    }

    Shop shop;

    @BeforeAll
    void fourCustomersTwoTemplatesAndAConsoleUser() {
        shop = shop("Builder drafts");
    }

    private Shop shop(String name) {
        var api = new ApiClient(port);
        var ws = CampaignFixtures.workspaceIn(api, name, "Europe/Madrid");
        String key = ws.text("api_key");
        String email = "drafts" + System.nanoTime() + "@test.local";
        TestUsers.createAgent(jdbc, passwords, PublicId.parse("ws_", ws.text("id")).orElseThrow(), email,
                email + "-password");
        var fx = new CampaignFixtures(api, key);
        fx.consentingContacts("drafts", 1, 4);
        String sms = StreamSupport.stream(api.get("/v1/senders", key).json().path("data").spliterator(), false)
                .filter(s -> s.path("provider").asString().equals("sandbox")).findFirst().orElseThrow()
                .path("id").asString();
        return new Shop(api, key, fx, fx.segment("drafts"), fx.smsTemplate("marketing", SHORT),
                fx.smsTemplate("marketing", LONG), sms, session(email), email);
    }

    @Test
    void aDraftSavedInTheBuilderKeepsItsSenderAndItsAbTestAndIsReviewedAsTheApiEstimatesIt() {
        Shop s = shop;
        String campaign = abDraft(s);
        var resumed = s.owner().get("/campaigns/" + campaign + "/edit");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.body()).containsPattern("id=\"builder-from\"[^>]*>(?s:.)*?<option value=\"" + s.sms()
                + "\" selected=\"selected\">")
                .containsPattern("id=\"builder-ab-test\"(?s:.)*?A/B test of 2 templates, tried on 50% of the audience");

        // saved as the page shows it: before, a save wrote from = null and the test went unchecked
        var saved = s.owner().postRepeated("/campaigns/builder", form(s, campaign, s.sms()), "channels", List.of("sms"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(s.fx().get(campaign).path("from").asString()).isEqualTo(s.sms());
        JsonNode e = estimate(s, campaign);
        assertThat(e.path("ab_test").path("test_share_percent").asInt()).isEqualTo(50);
        assertThat(templateIds(e)).containsExactly(s.cheap(), s.dear());

        // the review is the estimate: alone 4 × 0.04 and 4 × 0.08; half tested evenly, half to the winner
        String body = live(s.owner(), s, campaign).body();
        assertThat(figure(body, "review-total")).isEqualTo(euros(e.path("total"))).isEqualTo("€0.28");
        assertThat(figure(body, "review-reach-sms")).isEqualTo(e.path("by_channel").path("sms").path("recipients")
                .asString()).isEqualTo("4");
        assertThat(figure(body, "review-cost-sms")).isEqualTo(euros(e.path("by_channel").path("sms").path("cost")));
        assertThat(figure(body, "review-segments-sms")).isEqualTo("1 to 2 (mean 1.75)");
        assertThat(figure(body, "review-ab-range")).isEqualTo(euros(e.path("ab_test").path("total_min"))
                + " to " + euros(e.path("ab_test").path("total_max"))).isEqualTo("€0.20 to €0.28");
        assertThat(figure(body, "review-ab-assumes")).isEqualTo("The figures above assume the template that costs most wins.");
        // the previewed template is not sent with a test: its price per recipient is not shown
        assertThat(body).doesNotContain("id=\"review-price\"");

        var spanish = session(s.email());
        assertThat(spanish.get("/campaigns/new?lang=es").status()).isEqualTo(200);
        String es = live(spanish, s, campaign).body();
        assertThat(figure(es, "review-ab-test")).isEqualTo("2 plantillas, cada una a una parte igual del 50% probado;"
                + " la ganadora al resto");
        assertThat(figure(es, "review-ab-range")).matches("De 0,20.€ a 0,28.€");

        // the same form for a new campaign has no test: one template for everyone
        var fresh = live(s.owner(), s, null).body();
        assertThat(figure(fresh, "review-total")).isEqualTo("€0.16");
        assertThat(fresh).doesNotContain("id=\"review-ab-range\"").contains("id=\"review-price\"");
    }

    @Test
    void theBuilderChangesTheSenderAndRefusesWhatTheDraftCouldNotKeep() {
        Shop s = shop;
        String campaign = abDraft(s);
        var cheapest = form(s, campaign, s.sms());
        cheapest.put("cheapest", "true");
        var refused = s.owner().postRepeated("/campaigns/builder", cheapest, "channels", List.of("sms"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(figure(refused.body(), "error-from")).startsWith("cannot be chosen with cheapest channel first");

        // the campaign's own template has an email variant, its variants' templates have none
        String both = template(s, "marketing", "[{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"" + SHORT
                + "\"},{\"channel\":\"email\",\"language\":\"es\",\"subject\":\"Oferta\",\"text\":\"Oferta\"}]");
        var byEmail = form(s, campaign, s.sms());
        byEmail.put("templateId", both);
        var noVariant = s.owner().postRepeated("/campaigns/builder", byEmail, "channels", List.of("email"));
        assertThat(noVariant.status()).isEqualTo(422);
        assertThat(noVariant.body()).contains("id=\"error-ab-test\"");
        var unchanged = s.fx().get(campaign);
        assertThat(unchanged.path("channel").asString()).isEqualTo("sms");
        assertThat(unchanged.path("template_id").asString()).isEqualTo(s.cheap());

        // each channel's default sender, chosen in the builder; the test stays
        var defaults = s.owner().postRepeated("/campaigns/builder", form(s, campaign, ""), "channels", List.of("sms"));
        assertThat(defaults.status()).isEqualTo(302);
        assertThat(s.fx().get(campaign).path("from").isNull()).isTrue();
        assertThat(templateIds(estimate(s, campaign))).containsExactly(s.cheap(), s.dear());
    }

    @Test
    void aSenderDisabledSinceIsStillShownSoASaveKeepsIt() {
        // a shop of its own: its only SMS sender is turned off
        Shop s = shop("Builder drafts, sender off");
        String campaign = abDraft(s);
        var off = s.api().patch("/v1/senders/" + s.sms(), s.key(), "{\"enabled\":false}");
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        var resumed = s.owner().get("/campaigns/" + campaign + "/edit");
        assertThat(resumed.body()).containsPattern("<option value=\"" + s.sms() + "\" selected=\"selected\">");
        // every channel refuses it now: the review says so, as the estimate (and the send) would
        assertThat(figure(live(s.owner(), s, campaign).body(), "preview-problem"))
                .startsWith("The sender chosen cannot be used here");
        assertThat(s.api().get("/v1/campaigns/" + campaign + "/estimate", s.key()).text("code"))
                .isEqualTo("sender_not_allowed");
        var saved = s.owner().postRepeated("/campaigns/builder", form(s, campaign, s.sms()), "channels", List.of("sms"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(s.fx().get(campaign).path("from").asString()).isEqualTo(s.sms());
    }

    @Test
    void aChannelTheSenderCannotCarryPassesItsRecipientsOnInTheReviewAsInTheEstimate() {
        Shop s = shop;
        String both = template(s, "transactional", "[{\"channel\":\"whatsapp\",\"language\":\"es\","
                + "\"whatsapp_template\":\"hello_world\"},{\"channel\":\"sms\",\"language\":\"es\",\"body\":\""
                + SHORT + "\"}]");
        var created = s.api().post("/v1/campaigns", s.key(), "{\"segment_id\":\"" + s.segment() + "\",\"template_id\":\""
                + both + "\",\"channels\":[\"whatsapp\",\"sms\"],\"from\":\"" + s.sms() + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String campaign = created.text("id");
        var resumed = form(s, campaign, s.sms());
        resumed.put("templateId", both);
        resumed.put("purpose", "transactional");
        String body = s.owner().postRepeated("/campaigns/builder/live", resumed, "channels", List.of("whatsapp", "sms"))
                .body();
        JsonNode e = estimate(s, campaign);
        assertThat(figure(body, "review-reach-whatsapp")).isEqualTo(e.path("by_channel").path("whatsapp")
                .path("recipients").asString()).isEqualTo("0");
        assertThat(figure(body, "review-reach-sms")).isEqualTo("4");
        assertThat(figure(body, "review-total")).isEqualTo(euros(e.path("total"))).isEqualTo("€0.16");
        // the one reason both give: an SMS sender cannot carry WhatsApp (the review used to drop the from)
        assertThat(e.path("passed_over").size()).isEqualTo(1);
        assertThat(e.path("passed_over").get(0).path("code").asString()).isEqualTo("sender_not_allowed");
        assertThat(body).doesNotContain("id=\"review-passed-over-1\"");
        assertThat(body).containsPattern("The sender chosen cannot send by WhatsApp \\(refused: sender_not_allowed\\)</dt>"
                + "\\s*<dd class=\"warn\" id=\"review-passed-over-0\">4 go to the next channel instead, 0 of them to none<");
    }

    /** A draft on the four, from the SMS sender, testing both templates on half of them. */
    private static String abDraft(Shop s) {
        return s.fx().campaign(s.segment(), s.cheap(), ",\"from\":\"" + s.sms() + "\",\"ab_test\":{\"variants\":["
                + "{\"template_id\":\"" + s.cheap() + "\"},{\"template_id\":\"" + s.dear() + "\"}],"
                + "\"test_share_percent\":50}");
    }

    /** The builder's fields for the draft ({@code campaign}, null: a new one) as its page shows them. */
    private static Map<String, String> form(Shop s, String campaign, String from) {
        var form = new HashMap<>(Map.of("name", "c", "audience", "segment", "segmentId", s.segment(), "content", "saved",
                "templateId", s.cheap(), "purpose", "marketing", "scheduleType", "now", "from", from));
        if (campaign != null) {
            form.put("draftId", campaign);
        }
        return form;
    }

    private static ConsoleSession.Page live(ConsoleSession session, Shop s, String campaign) {
        return session.postRepeated("/campaigns/builder/live", form(s, campaign, s.sms()), "channels", List.of("sms"));
    }

    private ConsoleSession session(String email) {
        var session = new ConsoleSession(port);
        assertThat(session.login(email, email + "-password").location()).endsWith("/");
        return session;
    }

    private static String template(Shop s, String purpose, String variants) {
        var r = s.api().post("/v1/templates", s.key(), "{\"name\":\"t\",\"purpose\":\"" + purpose + "\",\"variants\":"
                + variants + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private static JsonNode estimate(Shop s, String campaign) {
        var r = s.api().get("/v1/campaigns/" + campaign + "/estimate", s.key());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> templateIds(JsonNode estimate) {
        return StreamSupport.stream(estimate.path("ab_test").path("variants").spliterator(), false)
                .map(v -> v.path("template_id").asString()).toList();
    }

    /** An amount of the API as the English console writes it. */
    private static String euros(JsonNode amount) {
        return "€" + amount.decimalValue().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String figure(String page, String id) {
        var m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]+)<").matcher(page);
        assertThat(m.find()).as(id + " in " + page).isTrue();
        return m.group(1).strip();
    }
}
