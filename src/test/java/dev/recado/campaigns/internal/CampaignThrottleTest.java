package dev.recado.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.campaigns.CampaignFixtures;
import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A campaign's rate_per_minute holds with two runner nodes polling it as fast as they can: the
 * pace lives in the row ({@code next_page_at}, under the lease), so a second node adds nothing.
 */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.campaigns.runner-enabled=false",
        "recado.campaigns.page-size=10"})
class CampaignThrottleTest {

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
    void twoNodesTogetherKeepTheCampaignsRate() throws Exception {
        var api = new ApiClient(port);
        var fx = new CampaignFixtures(api, CampaignFixtures.workspace(api, "Throttle " + System.nanoTime()));
        fx.consentingContacts("pace", 8000, 30);
        // 240 a minute: pages of ten (the configured page size), one every 2.5 seconds
        String campaign = fx.campaign(fx.segment("pace"), fx.smsTemplate("marketing", "Oferta BAJA al 600"),
                ",\"rate_per_minute\":240");
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        fx.action(campaign, "start");

        AtomicBoolean done = new AtomicBoolean();
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            for (String node : List.of("node-a", "node-b")) {
                var worker = new CampaignWorker(store, fanOut, clock, node, Duration.ofSeconds(30));
                nodes.submit(() -> {
                    while (!done.get()) {
                        worker.runOnce();
                        // a poll every 20 ms, fifty times the runner's default eagerness
                        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
                    }
                    return null;
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(campaign).get("status").asString().equals("completed"));
        } finally {
            done.set(true);
            nodes.shutdown();
            assertThat(nodes.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        List<OffsetDateTime> accepted = jdbc.sql("select created_at from messages where campaign_id = :id order by created_at")
                .param("id", id).query(OffsetDateTime.class).list();
        assertThat(accepted).hasSize(30);
        // message i belongs to page i / 10, which may not begin before 2.5 s per page before it
        OffsetDateTime first = accepted.get(0);
        for (int i = 0; i < accepted.size(); i++) {
            assertThat(Duration.between(first, accepted.get(i)))
                    .as("message %d", i).isGreaterThanOrEqualTo(Duration.ofMillis(2500L * (i / 10) - 50));
        }
        // and it does not take much longer either: three pages, two waits
        assertThat(Duration.between(first, accepted.get(29))).isLessThan(Duration.ofMillis(7500));
        assertThat(jdbc.sql("select count(distinct contact_id) from messages where campaign_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(30);
    }
}
