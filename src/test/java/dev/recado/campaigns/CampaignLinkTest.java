package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tracked short links: one per recipient and URL, written with the page, 302 to the target, each click recorded. */
class CampaignLinkTest extends CampaignHttpTest {

    static final String TARGET = "https://shop.example/sale?utm=sms&x=1";

    @Test
    void eachRecipientGetsUnguessableShortLinksThatRedirectAndRecordEveryClick() {
        List<String> audience = fx.consentingContacts("links", 6000, 12);
        String campaign = fx.campaign(fx.segment("links"),
                fx.smsTemplate("marketing", "Hola {{first_name}}: " + TARGET + ". Otra vez " + TARGET + " BAJA al 600"), "");
        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));
        long id = PublicId.parse("cmp_", campaign).orElseThrow();

        var messages = jdbc.sql("select id, contact_id, body from messages where campaign_id = :id").param("id", id)
                .query((rs, n) -> List.<Object>of(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
        assertThat(messages).hasSize(12);
        Map<String, List<Object>> byCode = new java.util.HashMap<>();
        for (var m : messages) {
            String body = (String) m.get(2);
            // the same URL twice in one text is one link; the sentence's full stop stays outside it
            assertThat(body).matches("Hola P\\d+: http://[^/]+/l/[0-9A-Za-z]{10}\\. Otra vez http://[^/]+/l/[0-9A-Za-z]{10} BAJA al 600");
            String code = LinkVisitor.code("l", body);
            assertThat(body.indexOf(code)).isNotEqualTo(body.lastIndexOf(code));
            byCode.put(code, m);
        }
        // one code per recipient, never a counter or an id
        assertThat(byCode).hasSize(12);
        assertThat(byCode.keySet()).allSatisfy(c -> assertThat(c).matches("[0-9A-Za-z]{10}"));
        var rows = jdbc.sql("select code, message_id, contact_id, target, kind from campaign_links where campaign_id = :id")
                .param("id", id).query().listOfRows();
        assertThat(rows).hasSize(12).allSatisfy(r -> {
            var message = byCode.get((String) r.get("code"));
            assertThat(message).as("link row of a message").isNotNull();
            assertThat(((Number) r.get("message_id")).longValue()).isEqualTo(message.get(0));
            assertThat(((Number) r.get("contact_id")).longValue()).isEqualTo(message.get(1));
            assertThat(r.get("target")).isEqualTo(TARGET);
            assertThat(r.get("kind")).isEqualTo("link");
        });
        assertThat(audience).hasSize(12);

        String code = byCode.keySet().iterator().next();
        var first = visitor.get("/l/" + code, LinkVisitor.PHONE);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).hasValue(TARGET);
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(visitor.get("/l/" + code, LinkVisitor.PHONE).statusCode()).isEqualTo(302);
        assertThat(visitor.head("/l/" + code, LinkVisitor.PHONE).statusCode()).isEqualTo(302);
        assertThat(visitor.get("/l/" + code, "WhatsApp/2.23.20.0 A").statusCode()).isEqualTo(302);
        assertThat(visitor.get("/l/" + code, "facebookexternalhit/1.1").statusCode()).isEqualTo(302);

        var clicks = jdbc.sql("select message_id, campaign_id, contact_id, user_agent, bot from link_clicks where code = :c"
                + " order by id").param("c", code).query().listOfRows();
        assertThat(clicks).hasSize(5);
        assertThat(clicks).allSatisfy(c -> {
            assertThat(((Number) c.get("message_id")).longValue()).isEqualTo(byCode.get(code).get(0));
            assertThat(((Number) c.get("campaign_id")).longValue()).isEqualTo(id);
            assertThat(((Number) c.get("contact_id")).longValue()).isEqualTo(byCode.get(code).get(1));
        });
        assertThat(clicks.stream().map(c -> (Boolean) c.get("bot")).toList()).containsExactly(false, false, true, true, true);
        assertThat(clicks.get(0).get("user_agent")).isEqualTo(LinkVisitor.PHONE);
    }

    /** As after a crash between the enqueue and the settle: the page runs again and its messages answer `repeated`. */
    @Test
    void aPageRunAgainKeepsTheFirstRunsLinksAndMendsTheirMessageIds() {
        fx.consentingContacts("again", 6100, 4);
        String campaign = fx.campaign(fx.segment("again"), fx.smsTemplate("marketing", "Mira " + TARGET + " BAJA al 600"), "");
        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        var before = jdbc.sql("select code, message_id from campaign_links where campaign_id = :id order by code")
                .param("id", id).query().listOfRows();
        assertThat(before).hasSize(4);

        jdbc.sql("update campaign_links set message_id = null where campaign_id = :id").param("id", id).update();
        jdbc.sql("update campaigns set status = 'running', cursor_id = 0, lease_owner = null, lease_until = null,"
                + " finished_at = null where id = :id").param("id", id).update();
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));

        assertThat(jdbc.sql("select count(*) from messages where campaign_id = :id").param("id", id).query(Long.class)
                .single()).isEqualTo(4);
        var after = jdbc.sql("select code, message_id from campaign_links where campaign_id = :id order by code")
                .param("id", id).query().listOfRows();
        assertThat(after).isEqualTo(before);
        // the same text again: the engine answered the first messages, nothing was refused as a duplicate
        assertThat(fx.get(campaign).get("stats").get("skipped").has("duplicate")).isFalse();
    }

    @Test
    void unknownAndMalformedCodesAreA404PageAndRecordNothing() {
        long before = jdbc.sql("select count(*) from link_clicks").query(Long.class).single();
        for (String path : List.of("/l/AAAAAAAAAA", "/l/short", "/l/" + "x".repeat(40), "/l/abc-def-ghij")) {
            var r = visitor.get(path, LinkVisitor.PHONE);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains("Enlace no válido");
        }
        assertThat(jdbc.sql("select count(*) from link_clicks").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void thePreviewShowsASampleShortLinkSoSegmentsAndPriceCountIt() {
        String contact = fx.contact("{\"phone\":\"+34612000901\",\"first_name\":\"Ana\",\"language\":\"es\"}");
        String longUrl = "https://shop.example/" + "a".repeat(150);
        String template = fx.smsTemplate("marketing", "Ana, mira " + longUrl + " BAJA al 600");
        var preview = api.post("/v1/templates/" + template + "/preview", key,
                "{\"contact\":\"" + contact + "\",\"channel\":\"sms\"}");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        String text = preview.json().get("text").asString();
        assertThat(text).matches("Ana, mira http://[^/]+/l/[0-9A-Za-z]{10} BAJA al 600").doesNotContain(longUrl);
        // the 171-character text would take two segments; with the short link it fits in one
        assertThat(preview.json().get("segments").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from campaign_links where code = :c").param("c", LinkVisitor.code("l", text))
                .query(Long.class).single()).isZero();
    }
}
