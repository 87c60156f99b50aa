package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A campaign with a channel order tracks links and offers {@code {{unsubscribe_url}}} on every
 * channel as a one-channel campaign does: each recipient's text on whichever channel took it carries
 * their own short links, and a click on one counts in the campaign's report.
 */
class CampaignChannelLinksTest extends CampaignHttpTest {

    static final String SMS_TARGET = "https://shop.example/sms-sale";
    static final String EMAIL_TARGET = "https://shop.example/email-sale";

    @Test
    void everyChannelsTextCarriesTheRecipientsShortLinksAndClicksCountInTheReport() {
        List<String> phones = fx.consentingContacts("routed", 7400, 2);
        String mailed = fx.contact("{\"phone\":\"+34617400500\",\"email\":\"ana@example.com\",\"first_name\":\"Ana\","
                + "\"language\":\"es\",\"tags\":[\"routed\"]}");
        var consent = api.post("/v1/contacts/" + mailed + "/consents", key, "{\"channel\":\"email\",\"purpose\":"
                + "\"marketing\",\"status\":\"opted_in\",\"source\":\"import\",\"evidence\":\"test\"}");
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        var template = api.post("/v1/templates", key, """
                {"name":"t","purpose":"marketing","variants":[
                 {"channel":"email","language":"es","subject":"Rebajas","text":"Mira %s o baja: {{unsubscribe_url}}"},
                 {"channel":"sms","language":"es","body":"Mira %s baja: {{unsubscribe_url}}"}]}"""
                .formatted(EMAIL_TARGET, SMS_TARGET));
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        var created = api.post("/v1/campaigns", key, "{\"name\":\"c\",\"segment_id\":\"" + fx.segment("routed")
                + "\",\"template_id\":\"" + template.text("id") + "\",\"channels\":[\"email\",\"sms\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String campaign = created.text("id");
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));

        var messages = jdbc.sql("select channel, body, contact_id from messages where campaign_id = :id order by id")
                .param("id", id).query().listOfRows();
        assertThat(messages).as(fx.get(campaign).toString()).extracting(m -> m.get("channel")).containsExactlyInAnyOrder("sms", "sms", "email");
        Map<String, String> codeByTarget = new java.util.HashMap<>();
        jdbc.sql("select code, kind, target, contact_id from campaign_links where campaign_id = :id").param("id", id)
                .query().listOfRows().forEach(r -> codeByTarget.put(r.get("contact_id") + "/"
                        + (r.get("target") == null ? r.get("kind") : r.get("target")), (String) r.get("code")));
        for (var m : messages) {
            String body = (String) m.get("body");
            String target = "sms".equals(m.get("channel")) ? SMS_TARGET : EMAIL_TARGET;
            assertThat(body).as(body).doesNotContain(target).doesNotContain("{{");
            String link = LinkVisitor.code("l", body);
            String unsubscribe = LinkVisitor.code("u", body);
            assertThat(link).isEqualTo(codeByTarget.get(m.get("contact_id") + "/" + target));
            assertThat(unsubscribe).isEqualTo(codeByTarget.get(m.get("contact_id") + "/unsubscribe"));
        }
        assertThat(phones).hasSize(2);

        String smsBody = (String) messages.stream().filter(m -> "sms".equals(m.get("channel"))).findFirst().orElseThrow()
                .get("body");
        String emailBody = (String) messages.stream().filter(m -> "email".equals(m.get("channel"))).findFirst()
                .orElseThrow().get("body");
        var click = visitor.get("/l/" + LinkVisitor.code("l", smsBody), LinkVisitor.PHONE);
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).hasValue(SMS_TARGET);
        assertThat(visitor.get("/l/" + LinkVisitor.code("l", emailBody), LinkVisitor.PHONE).headers()
                .firstValue("Location")).hasValue(EMAIL_TARGET);

        var report = api.get("/v1/campaigns/" + campaign + "/report", key);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().get("clicked").get("unique").asLong()).isEqualTo(2);
        assertThat(report.json().get("clicked").get("total").asLong()).isEqualTo(2);

        // the unsubscribe link opts the person out of every channel the campaign could reach them on
        var optOut = visitor.postForm("/u/" + LinkVisitor.code("u", smsBody), LinkVisitor.PHONE, "");
        assertThat(optOut.statusCode()).isLessThan(400);
        long contact = ((Number) messages.stream().filter(m -> m.get("body").equals(smsBody)).findFirst()
                .orElseThrow().get("contact_id")).longValue();
        var optedOut = api.get("/v1/contacts/" + PublicId.of("ct_", contact) + "/consents", key).body();
        assertThat(optedOut).contains("\"channel\":\"email\"").contains("opted_out");
        assertThat(api.get("/v1/campaigns/" + campaign + "/report", key).json().get("opted_out").asLong()).isEqualTo(1);
    }
}
