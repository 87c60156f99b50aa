package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** {@code /p/<slug>}: reached through a recipient's short link it greets them and its form records their consent. */
class LandingPageTest extends CampaignHttpTest {

    @Value("${recado.links.base-url}")
    String base;

    @Test
    void aRecipientsLinkLeadsToTheirGreetingAndTheFormRecordsTheirConsent() {
        String slug = "regalo-" + System.nanoTime();
        String marta = fx.contact("{\"phone\":\"+34612700001\",\"first_name\":\"Marta\",\"tags\":[\"lp\"]}");
        // transactional: no marketing consent yet, which the page's form asks for
        String template = fx.smsTemplate("transactional", "Tu pedido llega hoy. Regalo: " + base + "/p/" + slug);
        String campaign = fx.campaign(fx.segment("lp"), template, ",\"purpose\":\"transactional\"");

        var bad = api.post("/v1/landing-pages", key, "{\"campaign_id\":\"" + campaign + "\",\"slug\":\"No Vale\","
                + "\"image_url\":\"javascript:alert(1)\",\"form\":\"maybe\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("\"slug\"", "\"title\"", "\"image_url\"", "\"form\"");
        var page = api.post("/v1/landing-pages", key, "{\"campaign_id\":\"" + campaign + "\",\"slug\":\"" + slug + "\","
                + "\"title\":\"Tu regalo\",\"text\":\"Un 10% en tu próxima compra\",\"image_url\":\"https://cdn.example/r.png\","
                + "\"button_label\":\"Ver tienda\",\"button_url\":\"https://shop.example\",\"form\":\"consent\"}");
        assertThat(page.status()).as(page.body()).isEqualTo(201);
        assertThat(page.text("url")).isEqualTo(base + "/p/" + slug);
        assertThat(page.text("id")).startsWith("lp_");
        assertThat(api.get("/v1/landing-pages/" + page.text("id"), key).text("slug")).isEqualTo(slug);
        var taken = api.post("/v1/landing-pages", key, "{\"campaign_id\":\"" + campaign + "\",\"slug\":\"" + slug + "\","
                + "\"title\":\"Otra\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("existing_id")).isEqualTo(page.text("id"));

        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));
        String body = jdbc.sql("select body from messages where campaign_id = :id")
                .param("id", PublicId.parse("cmp_", campaign).orElseThrow()).query(String.class).single();
        String code = LinkVisitor.code("l", body);
        var click = visitor.get("/l/" + code, LinkVisitor.PHONE);
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).hasValue(base + "/p/" + slug + "?r=" + code);

        var personal = visitor.get("/p/" + slug + "?r=" + code, LinkVisitor.PHONE);
        assertThat(personal.statusCode()).isEqualTo(200);
        assertThat(personal.body()).contains("¡Hola, Marta!", "Tu regalo", "Un 10% en tu próxima compra",
                "src=\"https://cdn.example/r.png\"", "href=\"https://shop.example\"", "name=\"r\"", code);
        var anonymous = visitor.get("/p/" + slug, LinkVisitor.PHONE);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("Tu regalo").doesNotContain("Marta");
        assertThat(visitor.get("/p/" + slug + "?r=AAAAAAAAAA", LinkVisitor.PHONE).body()).doesNotContain("Marta");

        assertThat(canSendMarketing(marta)).isFalse();
        var nobody = visitor.postForm("/p/" + slug, LinkVisitor.PHONE, "");
        assertThat(nobody.body()).contains("id=\"anonymous\"");
        var thanks = visitor.postForm("/p/" + slug, LinkVisitor.PHONE, "r=" + code);
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("id=\"thanks\"");
        assertThat(canSendMarketing(marta)).isTrue();
        assertThat(api.get("/v1/contacts/" + marta + "/consents", key).body()).contains("\"form\"", "/p/" + slug);
        assertThat(api.get("/v1/campaigns/" + campaign + "/report", key).json().get("conversions").asLong()).isEqualTo(1);

        assertThat(visitor.get("/p/no-such-page", LinkVisitor.PHONE).statusCode()).isEqualTo(404);
        assertThat(api.get("/v1/landing-pages/" + page.text("id"), CampaignFixtures.workspace(api, "O " + System.nanoTime()))
                .status()).isEqualTo(404);
    }

    private boolean canSendMarketing(String contact) {
        return api.get("/v1/contacts/" + contact + "/can-send?channel=sms&purpose=marketing", key).json()
                .get("allowed").asBoolean();
    }
}
