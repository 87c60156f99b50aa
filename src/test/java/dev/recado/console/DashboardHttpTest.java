package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.sandbox.SandboxPhone;
import dev.recado.messaging.MessageManagement;
import dev.recado.messaging.MessageDraft;
import dev.recado.support.RecadoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The dashboard of a new workspace in sandbox mode: first steps that tick themselves off, and
 * charts whose CSV holds exactly the messages, replies, opt-outs and spend behind them.
 */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardHttpTest extends NewWorkspaceSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    MessageManagement messages;
    @Autowired
    SandboxPhone phone;

    long workspaceId;
    ConsoleSession owner;
    String today;

    @BeforeAll
    void aShop() {
        var created = newWorkspace("Floristería Lis", "lis@test.local", "5.00");
        workspaceId = created.workspaceId();
        owner = created.session();
        today = LocalDate.now(ZoneId.of("Europe/Madrid")).toString();
    }

    @Test
    void firstStepsTickOffAndTheChartsCountWhatHappened() {
        var fresh = owner.get("/").body();
        assertThat(fresh).contains("id=\"first-steps\"").contains("<title>Dashboard · Floristería Lis</title>")
                .contains("id=\"step-contacts\" data-done=\"false\"").contains("id=\"step-send\" data-done=\"false\"")
                .contains("id=\"step-sender\" data-done=\"false\"").contains("id=\"stat-sent\">0<")
                .contains("/webjars/chart.js/4.5.1/dist/chart.umd.min.js");

        send("+34600000301");
        send("+34600000302");
        await().atMost(PATIENCE).until(() -> owner.get("/dashboard/messages.csv").body().contains(today + ",2"));
        // BAJA opts the person out, and the keyword rule confirms it with a third SMS
        phone.reply(workspaceId, "+34600000302", "BAJA");
        await().atMost(PATIENCE).until(() -> owner.get("/dashboard/engagement.csv").body().contains(today + ",1,1"));
        await().atMost(PATIENCE).until(() -> owner.get("/dashboard/messages.csv").body().lines().toList(),
                lines -> lines.get(0).equals("date,SMS · Delivered") && lines.getLast().equals(today + ",3"));

        var page = owner.get("/").body();
        assertThat(page).contains("id=\"step-contacts\" data-done=\"true\"").contains("id=\"step-send\" data-done=\"true\"")
                .contains("id=\"step-sender\" data-done=\"false\"").contains("id=\"stat-sent\">3<")
                .contains("id=\"stat-delivery\">100%<").contains("id=\"stat-replies\">1<")
                .contains("id=\"stat-opt-outs\">1<").contains("data-charts=\"{");

        List<String> messagesCsv = owner.get("/dashboard/messages.csv").body().lines().toList();
        assertThat(messagesCsv.get(0)).isEqualTo("date,SMS · Delivered");
        assertThat(messagesCsv).hasSize(31).last().isEqualTo(today + ",3");
        assertThat(owner.get("/dashboard/delivery.csv").body()).contains(today + ",100.0");
        var money = owner.get("/dashboard/money.csv").body().lines().toList();
        assertThat(money.get(0)).isEqualTo("date,Spend,Balance");
        // three one-segment SMS at the sandbox price, charged from the 5.00 trial credit
        BigDecimal spent = new BigDecimal(money.getLast().split(",")[1]);
        assertThat(spent).isPositive();
        assertThat(new BigDecimal(money.getLast().split(",")[2])).isEqualByComparingTo(new BigDecimal("5.00").subtract(spent));
        // before the workspace existed there was no balance
        assertThat(money.get(1)).endsWith(",0,0");
    }

    @Test
    void theRangeChoosesTheDaysAndTheCsvFollowsIt() {
        var csv = owner.language("es").get("/dashboard/messages.csv?from=2026-01-01&to=2026-01-07");
        owner.language("en");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).hasSize(8).first().isEqualTo("fecha");
        assertThat(csv.body()).contains("2026-01-07\r\n").doesNotContain("2026-01-08");
        var reversed = owner.get("/?from=2026-02-10&to=2026-02-01").body();
        assertThat(reversed).contains("id=\"range-from\" value=\"2026-02-01\"")
                .contains("id=\"range-to\" value=\"2026-02-01\"");
        assertThat(owner.get("/?from=yesterday").status()).isEqualTo(200);
        assertThat(owner.get("/dashboard/secrets.csv").status()).isEqualTo(404);
    }

    private void send(String to) {
        messages.send(workspaceId, MessageDraft.text(to, "sms", null, "Sus flores están listas", "transactional"));
    }
}
