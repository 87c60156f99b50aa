package dev.recado.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.campaigns.CampaignFixtures;
import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Two runner nodes over one database: the first dies after enqueueing a page but before its cursor
 * committed; the second waits out the lease, takes over and finishes, and nobody gets two messages.
 */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.campaigns.runner-enabled=false",
        "recado.campaigns.page-size=10"})
class CampaignTakeoverTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CampaignStore store;
    @Autowired
    CampaignFanOut fanOut;
    @Autowired
    Clock clock;

    @Test
    void anotherNodeTakesOverAnExpiredLeaseAndNoContactIsMessagedTwice() {
        var api = new ApiClient(port);
        String key = CampaignFixtures.workspace(api, "Takeover " + System.nanoTime());
        var fx = new CampaignFixtures(api, key);
        fx.consentingContacts("all", 5000, 25);
        String campaign = fx.campaign(fx.segment("all"), fx.smsTemplate("marketing", "Hola {{first_name}} BAJA al 600"), "");
        assertThat(fx.action(campaign, "start").get("status").asString()).isEqualTo("running");
        long id = PublicId.parse("cmp_", campaign).orElseThrow();

        var a = new CampaignWorker(store, fanOut, clock, "node-a", Duration.ofSeconds(2));
        var b = new CampaignWorker(store, fanOut, clock, "node-b", Duration.ofSeconds(2));
        a.runOnce();
        assertThat(messages(id)).isEqualTo(10);
        // node a dies after its enqueue committed and before its page's cursor and counters did
        jdbc.sql("update campaigns set cursor_id = 0, targeted = 0, accepted = 0, cost = 0 where id = :id")
                .param("id", id).update();

        b.runOnce();
        assertThat(jdbc.sql("select lease_owner from campaigns where id = :id").param("id", id).query(String.class)
                .single()).isEqualTo("node-a");
        assertThat(jdbc.sql("select cursor_id from campaigns where id = :id").param("id", id).query(Long.class).single())
                .isZero();

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            b.runOnce();
            return fx.get(campaign).get("status").asString().equals("completed");
        });
        assertThat(messages(id)).isEqualTo(25);
        assertThat(jdbc.sql("select count(distinct contact_id) from messages where campaign_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(25);
        var stats = fx.get(campaign).get("stats");
        assertThat(stats.get("targeted").asLong()).isEqualTo(25);
        assertThat(stats.get("accepted").asLong()).isEqualTo(25);
        assertThat(jdbc.sql("select lease_owner from campaigns where id = :id").param("id", id).query(String.class)
                .optional()).isEmpty();
    }

    private long messages(long campaignId) {
        return jdbc.sql("select count(*) from messages where campaign_id = :id").param("id", campaignId)
                .query(Long.class).single();
    }
}
