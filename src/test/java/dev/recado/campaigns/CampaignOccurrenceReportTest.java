package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.ClockedRecadoTest;
import dev.recado.support.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A routine's occurrences each have a report (counters recomputed from their rows, clicks, series) and a CSV. */
@ClockedRecadoTest
class CampaignOccurrenceReportTest {

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
        key = CampaignFixtures.workspaceIn(api, "Occurrences", "Europe/Madrid").text("api_key");
        fx = new CampaignFixtures(api, key);
    }

    @Test
    void eachOccurrenceReportsItsOwnMessagesClicksAndSeries() {
        fx.consentingContacts("daily", 9200, 4);
        String campaign = fx.campaign(fx.segment("daily"), fx.smsTemplate("marketing", "Hoy https://shop.example/hoy BAJA"),
                ",\"schedule\":{\"type\":\"routine\",\"every_days\":1,\"at_local_time\":\"10:00\",\"count\":2}");
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        Instant first = Instant.parse(fx.action(campaign, "start").get("schedule").get("at").asString());
        clock.moveTo(first);
        awaitDelivered(id, 4);
        // one person clicks their link of the first occurrence, twice
        String body = jdbc.sql("select body from messages where campaign_id = :id order by id fetch first 1 rows only")
                .param("id", id).query(String.class).single();
        var visitor = new LinkVisitor(port);
        visitor.get("/l/" + LinkVisitor.code("l", body), LinkVisitor.PHONE);
        visitor.get("/l/" + LinkVisitor.code("l", body), LinkVisitor.PHONE);
        await().atMost(Duration.ofSeconds(10)).until(() -> "scheduled".equals(fx.get(campaign).get("status").asString()));
        clock.moveTo(first.plus(Duration.ofDays(1)));
        awaitDelivered(id, 8);
        await().atMost(Duration.ofSeconds(10)).until(() -> "completed".equals(fx.get(campaign).get("status").asString()));

        var list = api.get("/v1/campaigns/" + campaign + "/occurrences", key).json().get("data");
        assertThat(list).hasSize(2);
        for (int n = 1; n <= 2; n++) {
            JsonNode report = report(campaign, n);
            assertThat(report.get("occurrence").asInt()).isEqualTo(n);
            assertThat(report.get("targeted").asLong()).isEqualTo(4);
            assertThat(report.get("accepted").asLong()).isEqualTo(4);
            assertCountersMatchRows(id, n, report);
            long seriesSent = 0;
            long seriesClicks = 0;
            for (JsonNode hour : report.get("series")) {
                seriesSent += hour.get("sent").asLong();
                seriesClicks += hour.get("clicks").asLong();
            }
            assertThat(seriesSent).isEqualTo(4);
            assertThat(seriesClicks).isEqualTo(n == 1 ? 2 : 0);
            assertThat(report.get("clicked").get("total").asLong()).isEqualTo(n == 1 ? 2 : 0);
            assertThat(report.get("clicked").get("unique").asLong()).isEqualTo(n == 1 ? 1 : 0);
            assertThat(report.get("top_links")).hasSize(n == 1 ? 1 : 0);

            var csv = api.get("/v1/campaigns/" + campaign + "/occurrences/" + n + "/recipients.csv", key);
            assertThat(csv.status()).isEqualTo(200);
            List<String> lines = csv.body().lines().skip(1).toList();
            assertThat(lines).hasSize(4);
            List<Long> ids = jdbc.sql("select id from messages where campaign_id = :id and client_ref like :ref order by id")
                    .param("id", id).param("ref", "cmp:" + id + ":" + n + ":%").query(Long.class).list();
            assertThat(lines.stream().map(l -> l.split(",")[2]).toList())
                    .containsExactlyElementsOf(ids.stream().map(m -> PublicId.of("msg_", m)).toList());
        }
        assertThat(api.get("/v1/campaigns/" + campaign + "/recipients.csv", key).body().lines().skip(1)).hasSize(8);
        JsonNode whole = api.get("/v1/campaigns/" + campaign + "/report", key).json();
        assertThat(whole.has("occurrence")).isFalse();
        assertThat(whole.get("sent").asLong()).isEqualTo(8);
        assertThat(api.get("/v1/campaigns/" + campaign + "/occurrences/3/report", key).status()).isEqualTo(404);
        assertThat(api.get("/v1/campaigns/" + campaign + "/occurrences/3/recipients.csv", key).status()).isEqualTo(404);
    }

    private JsonNode report(String campaign, int n) {
        var r = api.get("/v1/campaigns/" + campaign + "/occurrences/" + n + "/report", key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** The occurrence's event-fed counters recomputed from its message rows. */
    private void assertCountersMatchRows(long id, int n, JsonNode report) {
        Map<String, Object> rows = jdbc.sql("""
                select count(case when sent_at is not null then 1 end) as sent,
                       count(case when status in ('delivered', 'read') then 1 end) as delivered,
                       count(case when status in ('failed', 'expired', 'rejected') then 1 end) as failed
                from messages where campaign_id = :id and client_ref like :ref""")
                .param("id", id).param("ref", "cmp:" + id + ":" + n + ":%").query().singleRow();
        for (String k : List.of("sent", "delivered", "failed")) {
            long fromRows = ((Number) rows.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(k)).findFirst()
                    .orElseThrow().getValue()).longValue();
            assertThat(report.get(k).asLong()).as(k).isEqualTo(fromRows);
        }
    }

    private void awaitDelivered(long id, long n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from messages where campaign_id = :id"
                + " and status = 'delivered'").param("id", id).query(Long.class).single() == n);
    }
}
