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
 * A campaign on a real server process killed with SIGKILL mid-campaign and started again on the
 * same database: the new process (another node id) takes the campaign over once the dead one's
 * lease lapses, and every contact gets exactly one message, none skipped, none twice.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("server-process")
class CampaignCrashTest {

    private static final int CONTACTS = 1_500;
    private static final String KEY = "rk_cmpcrash_" + Long.toString(System.nanoTime(), 36) + "0123456789abcdef";

    private CrashRig rig;
    private SmscSimulator smsc;
    private ServerProcess server;

    @BeforeEach
    void start() throws IOException {
        rig = new CrashRig("recado-campaign-crash", 2 * CONTACTS, KEY);
        smsc = rig.smsc();
    }

    @AfterEach
    void cleanUp() throws IOException {
        rig.close();
    }

    @Test
    void killedMidCampaignItCompletesWithNoContactMessagedTwiceAndNoneSkipped() throws Exception {
        server = run("1-campaign");
        ApiClient api = new ApiClient(server.port());
        String campaign = setUp(api);
        assertThat(api.post("/v1/campaigns/" + campaign + "/start", KEY, "").status()).isEqualTo(200);
        // pages of 1,000 every five seconds: killed after the first page, with the rest still to fan out
        awaitOrShowLog(Duration.ofSeconds(60), "first page fanned out and partly sent",
                () -> targeted(api, campaign) >= 1_000 && smsc.counters().submits() > 0);
        server.kill();
        assertThat(smsc.counters().submits()).isLessThan(CONTACTS);

        server = run("2-recovery");
        ApiClient again = new ApiClient(server.port());
        awaitOrShowLog(Duration.ofMinutes(2), "campaign completed and every message delivered", () -> {
            var c = again.get("/v1/campaigns/" + campaign, KEY).json();
            return c.get("status").asString().equals("completed") && c.get("stats").get("delivered").asLong() == CONTACTS;
        });
        var stats = again.get("/v1/campaigns/" + campaign, KEY).json().get("stats");
        server.stop();

        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        assertThat(rig.database().map("select status, count(*) from messages where campaign_id = " + id + " group by status",
                String.class, Long.class)).containsExactly(Map.entry("delivered", (long) CONTACTS));
        assertThat(rig.database().map("select 'contacts', count(distinct contact_id) from messages where campaign_id = " + id,
                String.class, Long.class)).containsEntry("contacts", (long) CONTACTS);
        assertThat(smsc.duplicatedReferences()).isEmpty();
        assertThat(smsc.submissions()).hasSize(CONTACTS);
        assertThat(stats.get("targeted").asLong()).isEqualTo(CONTACTS);
        assertThat(stats.get("accepted").asLong()).isEqualTo(CONTACTS);
        assertThat(stats.get("sent").asLong()).isEqualTo(CONTACTS);
        assertThat(stats.get("skipped").isEmpty()).isTrue();
    }

    /** Sender, credit, 3,000 contacts by CSV, a segment of all, a transactional template, a throttled campaign. */
    private String setUp(ApiClient api) {
        CrashCampaignSetup.senderAndCredit(api, KEY, smsc, "cmpcrash");
        String segment = CrashCampaignSetup.contactsAndSegment(api, KEY, "+34611", CONTACTS);
        String template = api.post("/v1/templates", KEY, "{\"name\":\"aviso\",\"purpose\":\"transactional\",\"variants\":"
                + "[{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"Aviso para {{phone}}\"}]}").text("id");
        var campaign = api.post("/v1/campaigns", KEY, "{\"segment_id\":\"" + segment + "\",\"template_id\":\"" + template
                + "\",\"rate_per_minute\":12000}");
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
        return campaign.text("id");
    }

    private static long targeted(ApiClient api, String campaign) {
        return api.get("/v1/campaigns/" + campaign, KEY).json().get("stats").get("targeted").asLong();
    }

    /** Leases of three seconds: the restarted process, another node, takes over soon after the kill. */
    private ServerProcess run(String name) {
        return rig.run(name, Map.of("RECADO_CAMPAIGNS_LEASE_SECONDS", "3"));
    }

    private void awaitOrShowLog(Duration atMost, String what, Callable<Boolean> condition) {
        rig.awaitOrShowLog(atMost, Duration.ofMillis(50), what, condition);
    }
}
