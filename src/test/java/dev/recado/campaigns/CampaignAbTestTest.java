package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.ClockedRecadoTest;
import dev.recado.support.MovableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A/B tests on a movable clock: the test share gets the variants, the winner by the clicks on the
 * rows is chosen once when its time comes, and the rest of the audience gets the winner.
 */
@ClockedRecadoTest
class CampaignAbTestTest {

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    CampaignFixtures fx;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = CampaignFixtures.workspace(api, "AB " + System.nanoTime());
        fx = new CampaignFixtures(api, key);
    }

    @Test
    void theTestShareTriesEachVariantAndTheWinnerByClicksGoesToTheRestOnce() {
        fx.consentingContacts("ab", 7000, 40);
        String a = fx.smsTemplate("marketing", "Oferta A https://shop.example/a BAJA al 600");
        String b = fx.smsTemplate("marketing", "Oferta B https://shop.example/b BAJA al 600");
        String campaign = fx.campaign(fx.segment("ab"), a, ",\"ab_test\":{\"variants\":[{\"template_id\":\"" + a
                + "\"},{\"template_id\":\"" + b + "\"}],\"test_share_percent\":50,\"winner_by\":\"click_rate\","
                + "\"decide_after_minutes\":60}");
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        fx.action(campaign, "start");

        await().atMost(Duration.ofSeconds(30)).until(() -> "decide".equals(ab(campaign).get("phase").asString()));
        var test = rows(id);
        assertThat(test).isNotEmpty().allSatisfy(r -> assertThat(r.get("test")).isEqualTo(true));
        assertThat(test.size()).isEqualTo(messages(id)).isBetween(8, 32);
        assertThat(test.stream().map(r -> r.get("variant")).distinct()).hasSize(2);
        // each message carries its variant's content
        test.forEach(r -> assertThat((String) r.get("body"))
                .startsWith(((Number) r.get("variant")).intValue() == 0 ? "Oferta A" : "Oferta B"));
        var visitor = new LinkVisitor(port);
        long clickedB = 0;
        for (var r : test) {
            if (((Number) r.get("variant")).intValue() == 1) {
                var click = visitor.get("/l/" + LinkVisitor.code("l", (String) r.get("body")), LinkVisitor.PHONE);
                assertThat(click.statusCode()).isEqualTo(302);
                clickedB++;
            }
        }
        // nothing more goes out before the decision is due
        long beforeDecision = messages(id);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> messages(id) == beforeDecision);
        assertThat(ab(campaign).get("winner").isNull()).isTrue();

        clock.advance(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));

        var all = rows(id);
        assertThat(all).hasSize(40);
        assertThat(jdbc.sql("select count(distinct contact_id) from messages where campaign_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(40);
        assertThat(messages(id)).isEqualTo(40);
        assertThat(all.stream().filter(r -> r.get("test").equals(false)))
                .hasSize(40 - test.size())
                .allSatisfy(r -> {
                    assertThat(((Number) r.get("variant")).intValue()).isEqualTo(1);
                    assertThat((String) r.get("body")).startsWith("Oferta B");
                });
        JsonNode report = ab(campaign);
        assertThat(report.get("phase").asString()).isEqualTo("rest");
        assertThat(report.get("winner").asInt()).isEqualTo(1);
        assertThat(report.get("winner_template_id").asString()).isEqualTo(b);
        assertThat(report.get("decided_at").isNull()).isFalse();
        var variants = report.get("variants");
        assertThat(variants.get(0).get("clicked").asLong()).isZero();
        assertThat(variants.get(1).get("clicked").asLong()).isEqualTo(clickedB);
        assertThat(variants.get(1).get("click_rate").decimalValue()).isEqualByComparingTo("1");
        assertThat(variants.get(0).get("targeted").asLong() + variants.get(1).get("targeted").asLong())
                .isEqualTo(test.size());
        assertThat(variants.get(0).get("accepted").asLong() + variants.get(1).get("accepted").asLong())
                .isEqualTo(test.size());
        assertThat(fx.get(campaign).get("stats").get("targeted").asLong()).isEqualTo(40);
        assertThat(jdbc.sql("select count(*) from campaign_ab_tests where campaign_id = :id and winner is not null")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aTieGoesToTheFirstVariantAndNothingIsSentBeforeTheDecision() {
        fx.consentingContacts("tie", 7100, 12);
        String a = fx.smsTemplate("marketing", "Tie A BAJA al 600");
        String b = fx.smsTemplate("marketing", "Tie B BAJA al 600");
        String c = fx.smsTemplate("marketing", "Tie C BAJA al 600");
        String campaign = fx.campaign(fx.segment("tie"), a, ",\"ab_test\":{\"variants\":[{\"template_id\":\"" + a
                + "\"},{\"template_id\":\"" + b + "\"},{\"template_id\":\"" + c + "\"}],\"test_share_percent\":100,"
                + "\"winner_by\":\"reply_rate\",\"decide_after_minutes\":5}");
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(30)).until(() -> "decide".equals(ab(campaign).get("phase").asString()));
        assertThat(messages(id)).isEqualTo(12);
        // paused and resumed while waiting: still waits for its time
        fx.action(campaign, "pause");
        fx.action(campaign, "resume");
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3))
                .until(() -> "decide".equals(ab(campaign).get("phase").asString()));

        clock.advance(Duration.ofMinutes(6));
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));
        assertThat(ab(campaign).get("winner").asInt()).isZero();
        assertThat(messages(id)).isEqualTo(12);
    }

    @Test
    void aRoutineTestsInItsFirstOccurrenceAndSendsTheWinnerToEveryoneInTheNext() {
        fx.consentingContacts("abr", 7200, 20);
        String a = fx.smsTemplate("marketing", "Ruta A https://shop.example/a BAJA al 600");
        String b = fx.smsTemplate("marketing", "Ruta B https://shop.example/b BAJA al 600");
        String campaign = fx.campaign(fx.segment("abr"), a, ",\"ab_test\":{\"variants\":[{\"template_id\":\"" + a
                + "\"},{\"template_id\":\"" + b + "\"}],\"test_share_percent\":50,\"winner_by\":\"click_rate\","
                + "\"decide_after_minutes\":60},\"schedule\":{\"type\":\"routine\",\"every_days\":2,"
                + "\"at_local_time\":\"10:00\",\"count\":2}");
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        java.time.Instant first = java.time.Instant.parse(fx.action(campaign, "start").get("schedule").get("at").asString());
        clock.moveTo(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> "decide".equals(ab(campaign).get("phase").asString()));
        var test = rows(id);
        long testB = 0;
        var visitor = new LinkVisitor(port);
        for (var r : test) {
            if (((Number) r.get("variant")).intValue() == 1) {
                assertThat(visitor.get("/l/" + LinkVisitor.code("l", (String) r.get("body")), LinkVisitor.PHONE)
                        .statusCode()).isEqualTo(302);
                testB++;
            }
        }
        clock.advance(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(id) == 20
                && fx.get(campaign).get("status").asString().equals("scheduled"));
        java.time.Instant second = java.time.Instant.parse(fx.get(campaign).get("schedule").get("at").asString());
        assertThat(second).isEqualTo(first.plus(Duration.ofDays(2)));

        clock.moveTo(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));
        assertThat(messages(id)).isEqualTo(40);
        // occurrence 2: no test share, every contact once, all with the winner
        assertThat(jdbc.sql("select count(distinct contact_id) from messages where campaign_id = :id and body like 'Ruta B%'"
                + " and client_ref like :second").param("id", id).param("second", "cmp:" + id + ":2:%")
                .query(Long.class).single()).isEqualTo(20);
        assertThat(jdbc.sql("select count(*) from messages where campaign_id = :id and body like 'Ruta B%'")
                .param("id", id).query(Long.class).single()).isEqualTo(testB + (20 - test.size()) + 20);
        assertThat(ab(campaign).get("winner").asInt()).isEqualTo(1);
    }

    @Test
    void refusesAMalformedAbTestNamingTheField() {
        String a = fx.smsTemplate("marketing", "A BAJA");
        String seg = fx.everyone();
        var r = api.post("/v1/campaigns", key, "{\"segment_id\":\"" + seg + "\",\"template_id\":\"" + a
                + "\",\"ab_test\":{\"variants\":[{\"template_id\":\"" + a + "\"}],\"winner_by\":\"open_rate\","
                + "\"test_share_percent\":0}}");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("ab_test.variants", "ab_test.winner_by", "ab_test.test_share_percent");
        r = api.post("/v1/campaigns", key, "{\"segment_id\":\"" + seg + "\",\"template_id\":\"" + a
                + "\",\"ab_test\":{\"variants\":[{\"template_id\":\"" + a + "\"},{\"template_id\":\"tpl_999999\"}]}}");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("ab_test.variants[1].template_id");
        assertThat(api.get("/v1/campaigns", key).json().get("data")).isEmpty();
    }

    private JsonNode ab(String campaign) {
        var r = api.get("/v1/campaigns/" + campaign + "/report", key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("ab_test");
    }

    private List<Map<String, Object>> rows(long id) {
        return jdbc.sql("""
                select a.variant, a.test, m.body from campaign_ab_messages a join messages m on m.id = a.message_id
                where a.campaign_id = :id order by a.contact_id""").param("id", id).query().listOfRows()
                .stream().map(r -> {
                    // column labels are upper case on H2
                    Map<String, Object> lower = new java.util.HashMap<>();
                    r.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
                    return lower;
                }).toList();
    }

    private long messages(long id) {
        return jdbc.sql("select count(*) from messages where campaign_id = :id").param("id", id).query(Long.class).single();
    }
}
