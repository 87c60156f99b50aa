package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.recado.common.ApiException;
import dev.recado.consent.Channel;
import dev.recado.consent.Purpose;
import dev.recado.contacts.ContactImports;
import dev.recado.contacts.ImportOptions;
import dev.recado.contacts.ImportRejection;
import dev.recado.contacts.ImportStatus;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.workspace.WorkspaceChanges;
import dev.recado.workspace.WorkspaceManagement;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The console over plain HTTP: access rules, workspace scoping, CSRF and the import pages. The
 * import front is mocked here so the progress page can be shown an import that is still running.
 */
@RecadoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    WorkspaceManagement workspaces;
    @MockitoBean
    ContactImports imports;

    ConsoleSession admin;
    long workspaceId;

    /** One admin sign-in for the class: the login rate limit allows five a minute per account. */
    @BeforeAll
    void signIn() {
        workspaceId = TestUsers.workspaceOf(jdbc, TestUsers.ADMIN_EMAIL);
        admin = new ConsoleSession(port);
        var login = admin.login(TestUsers.ADMIN_EMAIL, TestUsers.ADMIN_PASSWORD);
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.location()).endsWith("/");
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() {
        var page = new ConsoleSession(port).get("/contacts");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/login");
    }

    @Test
    void loginPageExplainsFailureLockoutAndLogoutInTheBrowsersLanguage() {
        var english = new ConsoleSession(port);
        assertThat(english.get("/login?error").body()).contains("id=\"login-error\"").contains("Wrong email or password");
        assertThat(english.get("/login?locked").body()).contains("id=\"login-locked\"").contains("Too many attempts");
        assertThat(english.get("/login?logout").body()).contains("id=\"login-logout\"");
        assertThat(english.get("/login").body()).doesNotContain("login-error").doesNotContain("login-locked");

        var spanish = new ConsoleSession(port).language("es-ES,es;q=0.9");
        assertThat(spanish.get("/login?error").body()).contains("lang=\"es\"").contains("Correo o contraseña incorrectos");
        var german = new ConsoleSession(port).language("de-DE");
        assertThat(german.get("/login").body()).contains("lang=\"en\"").contains("Sign in");
    }

    @Test
    void anAgentMayNotOpenOrUseTheApiKeysPage() {
        TestUsers.createAgent(jdbc, passwords, workspaceId, "agent-http@test.local", "agent-password-1");
        var agent = new ConsoleSession(port);
        assertThat(agent.login("agent-http@test.local", "agent-password-1").location()).endsWith("/");

        var dashboard = agent.get("/");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("id=\"nav-contacts\"").doesNotContain("id=\"nav-api-keys\"");

        var page = agent.get("/api-keys");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("id=\"error-page\"").contains("You may not open this page")
                .contains("Only workspace admins may open this page.")
                .doesNotContain("Exception").doesNotContain("at dev.recado");
        var spanish = agent.language("es").get("/api-keys").body();
        assertThat(spanish).contains("Solo los administradores del espacio pueden abrir esta página.")
                .doesNotContain("Only workspace admins");
        assertThat(agent.post("/api-keys", Map.of("name", "sneaky", "scope", "full")).status()).isEqualTo(403);
        assertThat(admin.get("/api-keys").body()).doesNotContain("sneaky");
    }

    @Test
    void anotherWorkspacesContactIsNotFound() {
        var api = new ApiClient(port);
        String otherKey = api.newWorkspace("Someone else");
        String otherContact = api.post("/v1/contacts", otherKey, "{\"phone\":\"+34612999001\"}").text("id");

        var page = admin.get("/contacts/" + otherContact);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("id=\"error-page\"").doesNotContain("+34612999001");
        assertThat(admin.post("/contacts/" + otherContact + "/consents",
                Map.of("channel", "sms", "purpose", "marketing", "status", "opted_in")).status()).isEqualTo(404);
        assertThat(admin.get("/contacts/not-an-id").status()).isEqualTo(404);
        assertThat(admin.get("/contacts?q=%2B34612999001").body()).contains("No contact matches this search")
                .doesNotContain("class=\"contact-row\"");
    }

    @Test
    void theLayoutCarriesTheWorkspacesBranding() {
        workspaces.update(workspaceId, new WorkspaceChanges("Clínica Sonrisa", "https://cdn.example.com/logo.png",
                "#aa3366", null, null, null, null, null));
        var page = admin.get("/");
        assertThat(page.body()).contains("style=\"--brand: #aa3366\"")
                .contains("src=\"https://cdn.example.com/logo.png\"").contains("Clínica Sonrisa")
                .contains("<title>Dashboard · Clínica Sonrisa</title>").doesNotContain("Recado</title>")
                .contains("<link rel=\"icon\" href=\"https://cdn.example.com/logo.png\">");
        assertThat(admin.get("/no-such-page").body()).contains("· Clínica Sonrisa</title>");
    }

    @Test
    void theFaviconIsServedToEveryone() {
        var anonymous = new ConsoleSession(port);
        var ico = anonymous.get("/favicon.ico");
        assertThat(ico.status()).isEqualTo(200);
        assertThat(anonymous.get("/img/favicon.svg").body()).startsWith("<svg");
        assertThat(anonymous.get("/login").body()).contains("<title>Sign in · Recado</title>")
                .contains("href=\"/img/favicon.svg\"");
    }

    @Test
    void unknownPagesGetTheFriendlyErrorPage() {
        var page = admin.get("/no-such-page");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("id=\"error-page\"").contains("We could not find that")
                .doesNotContain("Exception").doesNotContain("trace");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        var page = admin.postWithoutToken("/contacts", Map.of("phone", "+34612999002"));
        assertThat(page.status()).isEqualTo(403);
        assertThat(admin.get("/contacts?q=612999002").body()).doesNotContain("class=\"contact-row\"");
    }

    @Test
    void withoutTheSandboxThePhonePageSaysSoAndTheMenuLeavesItOut() {
        var page = admin.get("/phone");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"sandbox-off\"").contains("RECADO_SANDBOX=true")
                .doesNotContain("id=\"phone-messages\"").doesNotContain("id=\"nav-phone\"");
        assertThat(admin.get("/phone/messages?number=%2B34600000001").status()).isEqualTo(404);
        assertThat(admin.post("/phone/reply", Map.of("number", "+34600000001", "text", "BAJA")).status()).isEqualTo(404);
    }

    @Test
    void withoutASenderTheSendFormSaysWhereToAddOne() {
        var page = admin.post("/messages", Map.of("to", "+34612999010", "body", "Hola", "purpose", "transactional"));
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("data-code=\"no_sender\"").contains("no SMS sender yet")
                .contains("id=\"send-form\"");
    }

    @Test
    void progressPollsWhileTheImportRunsAndStopsOnceItHasFinished() {
        var rejection = new ImportRejection(7, "phone: is not a valid phone number");
        when(imports.status(workspaceId, 41)).thenReturn(status("running", 120, List.of(rejection)));
        var running = admin.get("/contacts/import/imp_15/progress");
        assertThat(running.status()).isEqualTo(200);
        assertThat(running.body().strip()).startsWith("<section").contains("hx-trigger=\"every 500ms\"")
                .contains("hx-get=\"/contacts/import/imp_15/progress\"")
                .contains("id=\"rows-read\">120<").contains("class=\"rejection-row\"")
                .doesNotContain("<html");

        when(imports.status(workspaceId, 41)).thenReturn(status("completed", 300, List.of(rejection)));
        var done = admin.get("/contacts/import/imp_15/progress");
        assertThat(done.body()).doesNotContain("hx-trigger").doesNotContain("hx-get")
                .contains("data-status=\"completed\"").contains("id=\"rows-read\">300<")
                .contains("Phone: is not a valid phone number");
        assertThat(admin.get("/contacts/import/imp_15").body()).contains("<html").contains("id=\"import-progress\"");

        when(imports.status(anyLong(), eq(42L))).thenThrow(ApiException.notFound("Import"));
        assertThat(admin.get("/contacts/import/imp_16").status()).isEqualTo(404);
    }

    @Test
    void uploadStartsTheImportWithTheChosenOptionsAndShowsItsProgress() throws Exception {
        when(imports.start(eq(workspaceId), any(InputStream.class), any())).thenAnswer(call -> {
            assertThat(new String(call.getArgument(1, InputStream.class).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("phone\n+34612999003\n");
            return 77L;
        });
        var page = admin.upload("/contacts/import", "shop.csv", "phone\n+34612999003\n".getBytes(StandardCharsets.UTF_8),
                Map.of("consentChannel", "whatsapp", "consentPurpose", "marketing",
                        "consentEvidence", "Signed at the counter", "tags", "fair, vip", "updateExisting", "true"));
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/contacts/import/imp_25");

        var options = ArgumentCaptor.forClass(ImportOptions.class);
        verify(imports).start(eq(workspaceId), any(InputStream.class), options.capture());
        assertThat(options.getValue()).isEqualTo(new ImportOptions("shop.csv", null, null, Map.of(),
                List.of("fair", "vip"), Channel.WHATSAPP, Purpose.MARKETING, "Signed at the counter", true));

        var empty = admin.upload("/contacts/import", "empty.csv", new byte[0], Map.of());
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("id=\"error-file\"");
    }

    private static ImportStatus status(String status, long rows, List<ImportRejection> rejections) {
        boolean done = !"running".equals(status);
        return new ImportStatus(41, status, "shop.csv", rows, rows - 1, 0, rejections.size(), rejections, null,
                Instant.parse("2026-05-01T10:00:00Z"), done ? Instant.parse("2026-05-01T10:01:00Z") : null);
    }
}
