package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.channels.whatsapp.GraphApiServer;
import dev.recado.support.RecadoTest;
import dev.recado.workspace.WorkspaceManagement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** "Submit a template" on a WhatsApp sender's page, in Spanish: posted to the Graph, or refused naming the field. */
@RecadoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateSubmitHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    WorkspaceManagement workspaces;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    ConsoleSession admin;
    GraphApiServer graph;
    String sender;

    @BeforeAll
    void whatsAppSender() throws Exception {
        String email = "tpl-" + System.nanoTime() + "@tienda.test";
        TestUsers.newAdmin(workspaces, jdbc, passwords, "Plantillas " + System.nanoTime(), email, email + "-password");
        admin = new ConsoleSession(port).language("es");
        admin.login(email, email + "-password");
        String number = String.valueOf(200_000_000_000L + System.nanoTime() % 1_000_000);
        graph = new GraphApiServer(number, "EAAG-console-token-0123456789");
        var added = admin.post("/senders", Map.of("provider", "whatsapp", "name", "WA consola", "phone_number_id", number,
                "business_account_id", "1029384756", "access_token", "EAAG-console-token-0123456789",
                "app_secret", "console-app-secret-0123", "api_base_url", graph.baseUrl()));
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        sender = jdbc.sql("select id from senders where name = 'WA consola' order by id desc").query(Long.class).list()
                .stream().findFirst().map(id -> "snd_" + Long.toString(id, 36)).orElseThrow();
    }

    @AfterAll
    void close() {
        graph.close();
    }

    @Test
    void aTemplateIsSubmittedFromTheFormAndListedPending() {
        var done = admin.post("/senders/" + sender + "/templates", Map.of("name", "cita_lista", "language", "es",
                "category", "UTILITY", "body", "Hola {{1}}, su cita es el {{2}}.", "body_examples", "Lucía\n3 de mayo",
                "footer", "Clínica Sol", "quick_replies", "Confirmo\nCambiar"));
        assertThat(done.status()).isEqualTo(302);
        String page = admin.get(done.location().replaceFirst("^https?://[^/]+", "")).body();
        assertThat(page).contains("id=\"submit-result\"").contains("Plantilla cita_lista enviada: pending");
        assertThat(page).contains("data-name=\"cita_lista\" data-status=\"pending\"");
        var posted = graph.submitted.getFirst();
        assertThat(posted.path("components").get(0).path("example").path("body_text").get(0).get(1).asString())
                .isEqualTo("3 de mayo");
        assertThat(posted.path("components").get(2).path("buttons").size()).isEqualTo(2);
    }

    @Test
    void aRefusalNamesTheFieldAndKeepsTheForm() {
        int before = graph.submitted.size();
        var refused = admin.post("/senders/" + sender + "/templates", Map.of("name", "cita_rota", "language", "es",
                "category", "UTILITY", "body", "Hola {{1}}"));
        assertThat(refused.status()).isEqualTo(302);
        String page = admin.get("/senders/" + sender).body();
        assertThat(page).contains("alert-error").contains("components[0].example.body_text")
                .contains("value=\"cita_rota\"");
        // the refusal came before any call to Meta
        assertThat(graph.submitted).hasSize(before);
    }
}
