package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code /u/<code>}: GET asks and changes nothing, the button's POST opts out, RFC 8058's one-click POST at once. */
class UnsubscribeTest extends CampaignHttpTest {

    @Test
    void theConfirmPageChangesNothingAndItsButtonOptsOutOfThatChannelOnce() {
        String contact = fx.consentingContacts("unsub", 7000, 1).get(0);
        String campaign = fx.campaign(fx.segment("unsub"),
                fx.smsTemplate("marketing", "Oferta. Salir: {{unsubscribe_url}}"), "");
        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));
        String body = jdbc.sql("select body from messages where campaign_id = :id")
                .param("id", PublicId.parse("cmp_", campaign).orElseThrow()).query(String.class).single();
        // the unsubscribe link is the recipient's own and never a tracked short link
        assertThat(body).matches("Oferta\\. Salir: http://[^/]+/u/[0-9A-Za-z]{12}\nResponde BAJA para no recibir mas mensajes");
        String code = LinkVisitor.code("u", body);

        // scanners and previews open links: neither a GET nor a HEAD may opt anyone out
        var page = visitor.get("/u/" + code, LinkVisitor.PHONE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"", "/u/" + code, "id=\"unsubscribe\"");
        assertThat(visitor.head("/u/" + code, "Mozilla/5.0 (compatible; scanner)").statusCode()).isEqualTo(200);
        assertThat(canSend(contact, "sms")).isTrue();
        assertThat(optOutFacts(contact)).isZero();

        var done = visitor.postForm("/u/" + code, LinkVisitor.PHONE, "");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("id=\"unsubscribed\"");
        assertThat(canSend(contact, "sms")).isFalse();
        var history = api.get("/v1/contacts/" + contact + "/consents", key);
        assertThat(history.body()).contains("opted_out", "Unsubscribe link /u/" + code, campaign, "confirm page");
        // a second press (or a reload) records nothing more
        assertThat(visitor.postForm("/u/" + code, LinkVisitor.PHONE, "").statusCode()).isEqualTo(200);
        assertThat(visitor.get("/u/" + code, LinkVisitor.PHONE).body()).contains("id=\"unsubscribed\"");
        assertThat(optOutFacts(contact)).isEqualTo(1);

        var unknown = visitor.postForm("/u/AAAAAAAAAAAA", LinkVisitor.PHONE, "List-Unsubscribe=One-Click");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(visitor.get("/u/AAAAAAAAAAAA", LinkVisitor.PHONE).statusCode()).isEqualTo(404);
    }

    @Test
    void marketingEmailAnnouncesOneClickUnsubscribeAndItsPostOptsOutAtOnce() {
        String to = "lia" + System.nanoTime() + "@cliente.example";
        String contact = fx.contact("{\"email\":\"" + to + "\",\"first_name\":\"Lia\",\"tags\":[\"mail\"]}");
        var consent = api.post("/v1/contacts/" + contact + "/consents", key, "{\"channel\":\"email\",\"purpose\":"
                + "\"marketing\",\"status\":\"opted_in\",\"source\":\"import\",\"evidence\":\"shop list\"}");
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        var template = api.post("/v1/templates", key, """
                {"name":"news","purpose":"marketing","variants":[{"channel":"email","language":"es","subject":"Rebajas",
                 "html":"<p>Hola {{first_name}}, <a href=\\"https://shop.example/rebajas\\">mira</a></p>",
                 "text":"Hola {{first_name}}: https://shop.example/rebajas"}]}""");
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        var created = api.post("/v1/campaigns", key, "{\"segment_id\":\"" + fx.segment("mail") + "\",\"template_id\":\""
                + template.text("id") + "\",\"channel\":\"email\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String campaign = created.text("id");
        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/v1/sandbox/outbox?to=" + to, key).json().get("data")).hasSize(1));

        var mail = api.get("/v1/sandbox/outbox?to=" + to, key).json().get("data").get(0);
        String headers = mail.get("headers").asString();
        assertThat(headers).containsPattern("List-Unsubscribe: <http://[^/]+/u/[0-9A-Za-z]{12}>, <mailto:")
                .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
        // one short link for the URL, the same in both parts
        String link = LinkVisitor.code("l", mail.get("text").asString());
        assertThat(mail.get("html").asString()).contains("/l/" + link + "\"");
        String code = LinkVisitor.code("u", headers);

        assertThat(canSend(contact, "email")).isTrue();
        var oneClick = visitor.postForm("/u/" + code, "Mozilla/5.0 (compatible; GoogleMail one-click)",
                "List-Unsubscribe=One-Click");
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(canSend(contact, "email")).isFalse();
        assertThat(api.get("/v1/contacts/" + contact + "/consents", key).body()).contains("one-click");
        assertThat(optOutFacts(contact)).isEqualTo(1);
    }

    private boolean canSend(String contact, String channel) {
        var r = api.get("/v1/contacts/" + contact + "/can-send?channel=" + channel + "&purpose=marketing", key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("allowed").asBoolean();
    }

    private long optOutFacts(String contact) {
        return jdbc.sql("select count(*) from consent_events where contact_id = :c and status = 'opted_out'")
                .param("c", PublicId.parse("ct_", contact).orElseThrow()).query(Long.class).single();
    }
}
