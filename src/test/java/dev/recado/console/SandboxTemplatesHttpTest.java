package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.RecadoTest;
import dev.recado.workspace.WorkspaceManagement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * The sandbox WhatsApp twin's page behaves like a real WhatsApp sender's: it lists the account's
 * templates (hello_world from the start), takes a submission from the form, and "Sync now" reads the
 * account again without losing what was submitted.
 */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxTemplatesHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    WorkspaceManagement workspaces;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    ConsoleSession admin;
    String sender;

    @BeforeAll
    void sandboxWorkspace() {
        String email = "twin-" + System.nanoTime() + "@tienda.test";
        long workspace = TestUsers.newAdmin(workspaces, jdbc, passwords, "Gemelo " + System.nanoTime(), email,
                email + "-password");
        admin = new ConsoleSession(port);
        assertThat(admin.login(email, email + "-password").location()).endsWith("/");
        long id = jdbc.sql("select id from senders where workspace_id = :w and provider = 'sandbox_whatsapp'")
                .param("w", workspace).query(Long.class).single();
        sender = "snd_" + Long.toString(id, 36);
    }

    @Test
    void theTwinsTemplatesAreListedSubmittedAndSyncedFromItsPage() {
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/senders/" + sender).body()
                .contains("data-name=\"hello_world\" data-status=\"approved\""));
        String page = admin.get("/senders/" + sender).body();
        assertThat(page).contains("id=\"templates-sync\"").contains("id=\"template-submit-form\"")
                .contains("<td>en_US</td>").contains("<td>utility</td>");

        var done = admin.post("/senders/" + sender + "/templates", Map.of("name", "cita_lista", "language", "es",
                "category", "UTILITY", "body", "Hola {{1}}, su cita es el {{2}}.", "body_examples", "Lucía\n3 de mayo",
                "quick_replies", "Confirmo\nCambiar"));
        assertThat(done.status()).isEqualTo(302);
        page = admin.get("/senders/" + sender).body();
        assertThat(page).contains("Template cita_lista submitted: approved. The sandbox approves at once")
                .contains("data-name=\"cita_lista\" data-status=\"approved\"");

        var synced = admin.post("/senders/" + sender + "/templates/sync", Map.of());
        assertThat(synced.status()).isEqualTo(302);
        page = admin.get("/senders/" + sender).body();
        assertThat(page).contains("data-synced=\"true\"").contains("2 templates synced.")
                .contains("data-name=\"cita_lista\" data-status=\"approved\"")
                .contains("data-name=\"hello_world\" data-status=\"approved\"");

        // a refusal names the field, as for a real WhatsApp sender
        var refused = admin.post("/senders/" + sender + "/templates", Map.of("name", "cita_rota", "language", "es",
                "category", "UTILITY", "body", "Hola {{1}}"));
        assertThat(refused.status()).isEqualTo(302);
        assertThat(admin.get("/senders/" + sender).body()).contains("alert-error")
                .contains("components[0].example.body_text").doesNotContain("data-name=\"cita_rota\"");
    }
}
