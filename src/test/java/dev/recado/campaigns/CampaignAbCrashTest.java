package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.channels.smpp.SmscSimulator;
import dev.recado.common.PublicId;
import dev.recado.messaging.CrashRig;
import dev.recado.support.ApiClient;
import dev.recado.support.ServerProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An A/B campaign on a real server process killed with SIGKILL twice — while it fans out the test
 * share, and while it sends the winner to the rest — and started again each time on the same
 * database: every contact gets exactly one message (the test share its variant, the rest the
 * winner), the winner is chosen once, and the counters equal what the rows say.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("server-process")
class CampaignAbCrashTest {

    private static final int CONTACTS = 3_000;
    private static final String KEY = "rk_abcrash_" + Long.toString(System.nanoTime(), 36) + "0123456789abcdef";

    private CrashRig rig;
    private SmscSimulator smsc;
    private ServerProcess server;

    @BeforeEach
    void start() throws IOException {
        rig = new CrashRig("recado-ab-crash", 2 * CONTACTS, KEY);
        smsc = rig.smsc();
    }

    @AfterEach
    void cleanUp() throws IOException {
        rig.close();
    }

    @Test
    void killedInTheTestPhaseAndInTheWinnersPhaseItSendsEachContactOneMessageAndChoosesOnce() throws Exception {
        server = run("1-test-phase");
        ApiClient api = new ApiClient(server.port());
        String campaign = setUp(api);
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        assertThat(api.post("/v1/campaigns/" + campaign + "/start", KEY, "").status()).isEqualTo(200);
        awaitOrShowLog(Duration.ofSeconds(60), "part of the test share fanned out and sent",
                () -> reached(api, campaign, "test", 300) && smsc.counters().submits() > 0);
        server.kill();

        server = run("2-winner-phase");
        ApiClient second = new ApiClient(server.port());
        awaitOrShowLog(Duration.ofMinutes(2), "the winner chosen and part of the rest fanned out",
                () -> reached(second, campaign, "rest", 1_900));
        server.kill();
        assertThat(smsc.submissions().size()).isLessThan(CONTACTS);

        server = run("3-recovery");
        ApiClient third = new ApiClient(server.port());
        awaitOrShowLog(Duration.ofMinutes(2), "campaign completed and every message delivered", () -> {
            var c = third.get("/v1/campaigns/" + campaign, KEY).json();
            return c.get("status").asString().equals("completed") && c.get("stats").get("delivered").asLong() == CONTACTS;
        });
        var stats = third.get("/v1/campaigns/" + campaign, KEY).json().get("stats");
        server.stop();

        var db = rig.database();
        assertThat(db.map("select status, count(*) from messages where campaign_id = " + id + " group by status",
                String.class, Long.class)).containsExactly(Map.entry("delivered", (long) CONTACTS));
        assertThat(db.map("select 'contacts', count(distinct contact_id) from messages where campaign_id = " + id,
                String.class, Long.class)).containsEntry("contacts", (long) CONTACTS);
        assertThat(smsc.duplicatedReferences()).isEmpty();
        assertThat(smsc.submissions()).hasSize(CONTACTS);

        // one winner, recorded once, announced once
        Map<String, Integer> winner = db.map("select 'winner', winner from campaign_ab_tests where campaign_id = " + id
                + " and phase in ('rest', 'done') and decided_at is not null", String.class, Integer.class);
        assertThat(winner).containsKey("winner");
        assertThat(db.map("select 'announced', count(*) from webhook_deliveries where event_type = 'campaign.ab_winner'",
                String.class, Long.class)).containsEntry("announced", 1L);
        // each message's variant is in the rows, the rest all got the winner, and each text is its variant's
        assertThat(db.map("select 'rows', count(*) from campaign_ab_messages where campaign_id = " + id,
                String.class, Long.class)).containsEntry("rows", (long) CONTACTS);
        assertThat(db.map("select variant, count(*) from campaign_ab_messages where campaign_id = " + id
                + " and test = false group by variant", Integer.class, Long.class)).containsOnlyKeys(winner.get("winner"));
        assertThat(db.map("select 'mismatched', count(*) from campaign_ab_messages a join messages m on m.id = a.message_id"
                + " where a.campaign_id = " + id + " and ((a.variant = 0 and m.body not like 'Variante A%')"
                + " or (a.variant = 1 and m.body not like 'Variante B%'))", String.class, Long.class))
                .containsEntry("mismatched", 0L);

        // counters equal a recomputation from the rows
        assertThat(stats.get("targeted").asLong()).isEqualTo(CONTACTS);
        assertThat(stats.get("accepted").asLong()).isEqualTo(CONTACTS);
        assertThat(stats.get("sent").asLong()).isEqualTo(CONTACTS);
        assertThat(stats.get("skipped").isEmpty()).isTrue();
        assertThat(db.map("select variant, targeted from campaign_ab_targeted where campaign_id = " + id,
                Integer.class, Long.class)).isEqualTo(db.map("select variant, count(*) from campaign_ab_messages"
                        + " where campaign_id = " + id + " and test = true group by variant", Integer.class, Long.class));
    }

    /** Sender, credit, a webhook for the announcements, contacts by CSV, two templates, a throttled A/B campaign. */
    private String setUp(ApiClient api) {
        CrashCampaignSetup.senderAndCredit(api, KEY, smsc, "abcrash");
        var hook = api.post("/v1/webhooks", KEY, "{\"url\":\"https://hooks.example.com/recado\",\"events\":[\"campaign.*\"]}");
        assertThat(hook.status()).as(hook.body()).isEqualTo(201);
        String segment = CrashCampaignSetup.contactsAndSegment(api, KEY, "+34622", CONTACTS);
        String a = template(api, "Variante A para {{phone}}");
        String b = template(api, "Variante B para {{phone}}");
        // 6,000 a minute: pages of 500 contacts, each paced by the messages it sends (the test share's
        // pages pass over 60% of theirs), so both phases take several pages to kill in
        var campaign = api.post("/v1/campaigns", KEY, "{\"segment_id\":\"" + segment + "\",\"template_id\":\"" + a
                + "\",\"rate_per_minute\":6000,\"ab_test\":{\"variants\":[{\"template_id\":\"" + a + "\"},{\"template_id\":\""
                + b + "\"}],\"test_share_percent\":40,\"winner_by\":\"click_rate\",\"decide_after_minutes\":0}}");
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
        return campaign.text("id");
    }

    private static String template(ApiClient api, String body) {
        var r = api.post("/v1/templates", KEY, "{\"name\":\"ab\",\"purpose\":\"transactional\",\"variants\":"
                + "[{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"" + body + "\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    /** The test's phase and the campaign's targeted count, read together (the report is far dearer to poll). */
    private static boolean reached(ApiClient api, String campaign, String phase, long targeted) {
        var c = api.get("/v1/campaigns/" + campaign, KEY).json();
        return phase.equals(c.path("ab_test").path("phase").asString())
                && c.path("stats").path("targeted").asLong() >= targeted;
    }

    /** Leases of three seconds: each restarted process, another node, takes over soon after the kill. */
    private ServerProcess run(String name) {
        return rig.run(name, Map.of("RECADO_CAMPAIGNS_LEASE_SECONDS", "3"));
    }

    private void awaitOrShowLog(Duration atMost, Duration every, String what, Callable<Boolean> condition) {
        rig.awaitOrShowLog(atMost, every, what, condition);
    }

    private void awaitOrShowLog(Duration atMost, String what, Callable<Boolean> condition) {
        awaitOrShowLog(atMost, Duration.ofMillis(50), what, condition);
    }
}
