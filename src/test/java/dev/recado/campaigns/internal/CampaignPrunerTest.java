package dev.recado.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.campaigns.CampaignFixtures;
import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Retention: a year and more after a campaign finished, its clicks, tracked links and counted-once
 * marks go in small batches, and so do frequency counters with no recent send; totals and
 * unsubscribe links stay, and the job runs once per interval whichever node asks.
 */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=20",
        "recado.campaigns.page-size=10", "recado.campaigns.poll-millis=200"})
class CampaignPrunerTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CampaignPruner pruner;

    @Test
    void deletesOldCampaignRowsInBatchesOncePerInterval() throws Exception {
        var api = new ApiClient(port);
        var fx = new CampaignFixtures(api, CampaignFixtures.workspace(api, "Prune " + System.nanoTime()));
        fx.consentingContacts("old", 9300, 5);
        String campaign = fx.campaign(fx.segment("old"), fx.smsTemplate("marketing",
                "Mira https://shop.example/old y https://shop.example/new {{unsubscribe_url}} BAJA"), "");
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("stats").get("delivered").asLong() == 5);
        var http = HttpClient.newHttpClient();
        for (String body : jdbc.sql("select body from messages where campaign_id = :id").param("id", id)
                .query(String.class).list()) {
            var m = Pattern.compile("/l/([0-9A-Za-z]+)").matcher(body);
            while (m.find()) {
                http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/l/" + m.group(1))).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        }
        assertThat(count("select count(*) from link_clicks where campaign_id = :id", id)).isEqualTo(10);
        Instant now = Instant.now();
        // a contact whose last capped send is long gone, and one who was sent to lately
        jdbc.sql("insert into frequency_counts (contact_id, sends) values (9000000091, :old), (9000000092, :recent)")
                .param("old", String.valueOf(now.minus(Duration.ofDays(800)).getEpochSecond()))
                .param("recent", now.minus(Duration.ofDays(800)).getEpochSecond() + ","
                        + now.plus(Duration.ofDays(399)).getEpochSecond())
                .update();

        // a routine still running: three occurrences copied the same segment, only the latest is read
        long routine = PublicId.parse("cmp_", fx.campaign(fx.segment("old"), fx.smsTemplate("marketing", "Otra BAJA"), ""))
                .orElseThrow();
        for (int occurrence = 1; occurrence <= 3; occurrence++) {
            jdbc.sql("insert into campaign_snapshots (campaign_id, occurrence, kind, source_id, body, created_at)"
                    + " values (:c, :o, 'segment', 7, '{}', :now)").param("c", routine).param("o", occurrence)
                    .param("now", java.sql.Timestamp.from(now)).update();
        }
        assertThat(count("select count(*) from campaign_snapshots where campaign_id = :id", id)).isPositive();

        // 400 days later, in batches of three
        Instant later = now.plus(Duration.ofDays(400));
        long counted = count("select count(*) from campaign_counted where message_id in"
                + " (select m.id from messages m where m.campaign_id = :id)", id);
        assertThat(counted).isPositive();
        assertThat(pruner.prune("node-x", later, 3)).isPositive();
        assertThat(count("select count(*) from link_clicks where campaign_id = :id", id)).isZero();
        assertThat(count("select count(*) from campaign_links where campaign_id = :id and kind = 'link'", id)).isZero();
        assertThat(count("select count(*) from campaign_links where campaign_id = :id and kind = 'unsubscribe'", id))
                .isEqualTo(5);
        assertThat(count("select count(*) from campaign_counted where message_id in"
                + " (select m.id from messages m where m.campaign_id = :id)", id)).isZero();
        assertThat(jdbc.sql("select count(*) from frequency_counts where contact_id in (9000000091, 9000000092)").query(Long.class).single())
                .isEqualTo(1);
        assertThat(fx.get(campaign).get("stats").get("delivered").asLong()).isEqualTo(5);
        assertThat(count("select count(*) from campaign_snapshots where campaign_id = :id", id)).isZero();
        assertThat(jdbc.sql("select occurrence from campaign_snapshots where campaign_id = :id").param("id", routine)
                .query(Integer.class).list()).containsExactly(3);

        // not due again within the interval, on this node or another
        assertThat(pruner.prune("node-y", later.plus(Duration.ofMinutes(5)), 3)).isEqualTo(-1);
        assertThat(pruner.prune("node-x", later.plus(Duration.ofMinutes(5)), 3)).isEqualTo(-1);
        assertThat(pruner.prune("node-y", later.plus(Duration.ofMinutes(61)), 3)).isZero();
        jdbc.sql("delete from frequency_counts where contact_id = 9000000092").update();
    }

    private long count(String sql, long id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }
}
