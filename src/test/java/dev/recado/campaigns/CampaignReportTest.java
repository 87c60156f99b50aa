package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v1/campaigns/{id}/report} and {@code recipients.csv}, every number recomputed from the rows. */
class CampaignReportTest extends CampaignHttpTest {

    static final String TARGET = "https://shop.example/report";

    @Test
    void reportCountsWhatTheRowsHoldAndTheCsvListsEachRecipient() {
        List<String> audience = fx.consentingContacts("rep", 8000, 14);
        String optedOut = fx.contact("{\"phone\":\"+34619998001\",\"tags\":[\"rep\"]}");
        fx.consent(optedOut, "opted_out");
        fx.contact("{\"phone\":\"+34619998002\",\"tags\":[\"rep\"]}");
        String campaign = fx.campaign(fx.segment("rep"),
                fx.smsTemplate("marketing", "Hola {{first_name}} " + TARGET + " salir {{unsubscribe_url}}"), "");
        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var c = fx.get(campaign);
            return c.get("status").asString().equals("completed") && c.get("stats").get("delivered").asLong() == 14;
        });
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        Map<Long, String> bodies = new HashMap<>();
        jdbc.sql("select contact_id, body from messages where campaign_id = :id").param("id", id)
                .query(rs -> {
                    bodies.put(rs.getLong(1), rs.getString(2));
                });
        String a = bodies.get(contactId(audience.get(0)));
        String b = bodies.get(contactId(audience.get(1)));
        String c = bodies.get(contactId(audience.get(2)));
        assertThat(visitor.get("/l/" + LinkVisitor.code("l", a), LinkVisitor.PHONE).statusCode()).isEqualTo(302);
        assertThat(visitor.get("/l/" + LinkVisitor.code("l", a), LinkVisitor.PHONE).statusCode()).isEqualTo(302);
        assertThat(visitor.get("/l/" + LinkVisitor.code("l", b), LinkVisitor.PHONE).statusCode()).isEqualTo(302);
        assertThat(visitor.head("/l/" + LinkVisitor.code("l", c), LinkVisitor.PHONE).statusCode()).isEqualTo(302);
        assertThat(visitor.postForm("/u/" + LinkVisitor.code("u", c), LinkVisitor.PHONE, "").statusCode()).isEqualTo(200);

        var response = api.get("/v1/campaigns/" + campaign + "/report", key);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.get("campaign_id").asString()).isEqualTo(campaign);
        assertThat(report.get("targeted").asLong()).isEqualTo(16);
        assertThat(report.get("skipped").toString()).isEqualTo("{\"no_consent\":1,\"opted_out\":1}");
        var rows = jdbc.sql("""
                select count(case when sent_at is not null then 1 end) as sent,
                       count(case when status in ('delivered', 'read') then 1 end) as delivered,
                       count(case when status = 'undelivered' then 1 end) as undelivered,
                       count(case when status in ('failed', 'expired', 'rejected') then 1 end) as failed,
                       coalesce(sum(price), 0) as cost
                from messages where campaign_id = :id""").param("id", id).query().singleRow();
        for (String k : List.of("sent", "delivered", "undelivered", "failed")) {
            assertThat(report.get(k).asLong()).as(k).isEqualTo(((Number) rows.get(k)).longValue());
        }
        assertThat(report.get("sent").asLong()).isEqualTo(14);
        assertThat(report.get("cost").decimalValue()).isEqualByComparingTo((BigDecimal) rows.get("cost"));

        var clicks = jdbc.sql("select count(case when not bot then 1 end) as total, count(distinct case when not bot"
                + " then contact_id end) as uniq, count(case when bot then 1 end) as bots from link_clicks"
                + " where campaign_id = :id").param("id", id).query().singleRow();
        assertThat(report.get("clicked").get("total").asLong()).isEqualTo(((Number) clicks.get("total")).longValue()).isEqualTo(3);
        assertThat(report.get("clicked").get("unique").asLong()).isEqualTo(((Number) clicks.get("uniq")).longValue()).isEqualTo(2);
        assertThat(report.get("clicked").get("bots").asLong()).isEqualTo(((Number) clicks.get("bots")).longValue()).isEqualTo(1);
        long optOuts = jdbc.sql("select count(*) from consent_events where workspace_id = (select workspace_id from"
                + " campaigns where id = :id) and source = 'link' and status = 'opted_out'").param("id", id)
                .query(Long.class).single();
        assertThat(report.get("opted_out").asLong()).isEqualTo(optOuts).isEqualTo(1);
        assertThat(report.get("top_links").toString())
                .isEqualTo("[{\"url\":\"" + TARGET + "\",\"clicks\":3,\"unique\":2}]");
        long seriesSent = 0;
        long seriesDelivered = 0;
        long seriesClicks = 0;
        for (JsonNode hour : report.get("series")) {
            assertThat(hour.get("hour").asString()).endsWith(":00:00Z");
            seriesSent += hour.get("sent").asLong();
            seriesDelivered += hour.get("delivered").asLong();
            seriesClicks += hour.get("clicks").asLong();
        }
        assertThat(List.of(seriesSent, seriesDelivered, seriesClicks)).containsExactly(14L, 14L, 3L);

        var csv = api.get("/v1/campaigns/" + campaign + "/recipients.csv", key);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("contact_id,address,message_id,status,sent_at,delivered_at,clicks,clicked,error_code");
        assertThat(lines).hasSize(15);
        Map<String, String[]> byContact = new HashMap<>();
        lines.stream().skip(1).map(l -> l.split(",", -1)).forEach(f -> byContact.put(f[0], f));
        assertThat(byContact.keySet()).containsExactlyInAnyOrderElementsOf(audience);
        assertThat(byContact.values()).allSatisfy(f -> {
            assertThat(f[1]).startsWith("+3461");
            assertThat(f[2]).startsWith("msg_");
            assertThat(f[3]).isEqualTo("delivered");
            assertThat(f[8]).isEmpty();
        });
        assertThat(Arrays.copyOfRange(byContact.get(audience.get(0)), 6, 8)).containsExactly("2", "true");
        assertThat(Arrays.copyOfRange(byContact.get(audience.get(1)), 6, 8)).containsExactly("1", "true");
        assertThat(Arrays.copyOfRange(byContact.get(audience.get(2)), 6, 8)).containsExactly("0", "false");

        String other = CampaignFixtures.workspace(api, "Other " + System.nanoTime());
        assertThat(api.get("/v1/campaigns/" + campaign + "/report", other).status()).isEqualTo(404);
        assertThat(api.get("/v1/campaigns/" + campaign + "/recipients.csv", other).status()).isEqualTo(404);
    }

    private static long contactId(String publicId) {
        return PublicId.parse("ct_", publicId).orElseThrow();
    }
}
