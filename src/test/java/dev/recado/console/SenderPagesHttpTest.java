package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.SettingField;
import dev.recado.support.RecadoTest;
import dev.recado.workspace.WorkspaceManagement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The sender forms over HTTP: every provider's declared form renders, an email sender's refusals
 * stand beside their fields in either language, lists and choices reach the API as such, and
 * secrets never come back to the page.
 */
@RecadoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenderPagesHttpTest {

    private static final Pattern SENDER_ID = Pattern.compile("/senders/(snd_[A-Za-z0-9]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    WorkspaceManagement workspaces;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    List<ChannelAdapterFactory> factories;

    ConsoleSession admin;

    @BeforeAll
    void signIn() {
        String email = "forms-" + System.nanoTime() + "@tienda.test";
        TestUsers.newAdmin(workspaces, jdbc, passwords, "Forms " + System.nanoTime(), email, email + "-password");
        admin = new ConsoleSession(port);
        assertThat(admin.login(email, email + "-password").location()).endsWith("/");
    }

    @Test
    void everyProviderDeclaresOnlyItsOwnSettingsAndHidesItsSecrets() {
        for (ChannelAdapterFactory factory : factories) {
            for (SettingField field : factory.settingFields()) {
                assertThat(factory.settingNames()).as(factory.provider()).contains(field.name());
                assertThat(field.hidden()).as(factory.provider() + "." + field.name())
                        .isEqualTo(factory.secretSettingNames().contains(field.name()));
            }
            var page = admin.get("/senders?provider=" + factory.provider());
            assertThat(page.status()).as(factory.provider()).isEqualTo(200);
            assertThat(page.body()).contains("name=\"provider\" value=\"" + factory.provider() + "\"");
            factory.settingFields().stream().filter(f -> !List.of("rate_per_second", "window").contains(f.name()))
                    .forEach(f -> assertThat(page.body()).as(factory.provider() + "." + f.name())
                            .contains("id=\"sender-" + f.name().replace('_', '-') + "\""));
        }
    }

    @Test
    void anEmailSendersRefusalsStandBesideTheirFieldsInEitherLanguage() {
        Map<String, String> form = new LinkedHashMap<>(Map.of("provider", "smtp", "name", "Correo",
                "smtp_host", "mail_relay!", "smtp_port", "veinticinco", "from_address", "news",
                "username", "news", "password", "smtp-secret-pass", "tls", "starttls"));
        var refused = admin.post("/senders", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-smtp_host\"").contains("must be a host name or an IP address")
                .contains("id=\"error-smtp_port\"").contains("must be a whole number between 1 and 65535")
                .contains("id=\"error-from_address\"").contains("is not a valid email address")
                .contains("value=\"Correo\"").doesNotContain("smtp-secret-pass");

        var spanish = admin.language("es").post("/senders", form);
        admin.language("en");
        assertThat(spanish.status()).isEqualTo(422);
        assertThat(spanish.body()).contains("debe ser un nombre de host o una dirección IP")
                .contains("debe ser un número entero entre 1 y 65535").contains("Añadir un remitente de Correo electrónico (smtp)");

        form.putAll(Map.of("smtp_host", "127.0.0.1", "smtp_port", "2525", "from_address", "news@tienda.test"));
        var added = admin.post("/senders", form);
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        String id = idOf("Correo");
        var page = admin.get("/senders/" + id);
        assertThat(flat(page.body())).contains("value=\"2525\"").contains("value=\"news@tienda.test\"")
                .contains("<option value=\"starttls\" selected=\"selected\">starttls</option>")
                .doesNotContain("smtp-secret-pass").doesNotContain("id=\"sender-webhook\"").doesNotContain("id=\"templates\"");

        // clearing a setting takes the provider's default back; a blank password keeps the stored one
        form.put("smtp_port", "");
        form.put("password", "");
        assertThat(admin.post("/senders/" + id, form).status()).isEqualTo(302);
        assertThat(admin.get("/senders/" + id).body()).doesNotContain("value=\"2525\"")
                .contains("placeholder=\"leave blank to keep\"");
    }

    @Test
    void anEmailSendersDkimRecordAndItsDmarcAlignmentShowOnItsPage() throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> form = new LinkedHashMap<>(Map.of("provider", "smtp", "name", "Correo ESP",
                "smtp_host", "127.0.0.1", "from_address", "news@tienda.test", "tls", "none",
                "dkim_domain", "envios.esp-correo.net", "dkim_selector", "esp1", "dkim_private_key", pem));
        var added = admin.post("/senders", form);
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        String id = idOf("Correo ESP");
        String page = flat(admin.get("/senders/" + id).body());
        assertThat(page).contains("id=\"sender-dkim\"").contains("esp1._domainkey.envios.esp-correo.net")
                .contains("v=DKIM1; k=ed25519; p=").contains("ed25519-sha256").contains("data-alignment=\"none\"")
                .contains("cannot pass DMARC").doesNotContain("PRIVATE KEY");
        String spanish = flat(admin.language("es").get("/senders/" + id).body());
        admin.language("en");
        assertThat(spanish).contains("no puede pasar DMARC").contains("envios.esp-correo.net");

        // the key stays when the form comes back without it; aligning the domain lifts the warning
        form.putAll(Map.of("dkim_domain", "tienda.test", "dkim_private_key", ""));
        assertThat(admin.post("/senders/" + id, form).status()).isEqualTo(302);
        String aligned = flat(admin.get("/senders/" + id).body());
        assertThat(aligned).contains("data-alignment=\"strict\"").contains("esp1._domainkey.tienda.test")
                .doesNotContain("cannot pass DMARC").contains("id=\"dkim-remove\"").contains("Remove DKIM");
        assertThat(flat(admin.language("es").get("/senders/" + id).body())).contains("Quitar DKIM")
                .contains("olvidar su clave");
        admin.language("en");

        // the form cannot clear it (a blank key is kept, and a key alone is incomplete); its own action can
        form.putAll(Map.of("dkim_domain", "", "dkim_selector", ""));
        assertThat(admin.post("/senders/" + id, form).status()).isEqualTo(422);
        var removed = admin.post("/senders/" + id + "/dkim/remove", Map.of());
        assertThat(removed.status()).as(removed.body()).isEqualTo(302);
        String unsigned = flat(admin.get("/senders/" + id).body());
        assertThat(unsigned).doesNotContain("id=\"sender-dkim\"").doesNotContain("dkim-remove");
        assertThat(jdbc.sql("select settings from senders where id = :id").param("id", Long.parseLong(id.substring(4), 36))
                .query(String.class).single()).doesNotContain("dkim");
    }

    @Test
    void aWebChatsOriginsAreAListAndItsChoicesAreValues() {
        var added = admin.post("/senders", Map.of("provider", "webchat", "name", "Chat web",
                "allowed_origins", "https://tienda.example, https://www.tienda.example", "prechat_form", "true",
                "offline", "never"));
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        var page = flat(admin.get("/senders/" + idOf("Chat web")).body());
        assertThat(page).contains("value=\"https://tienda.example, https://www.tienda.example\"")
                .contains("<option value=\"true\" selected=\"selected\">yes</option>")
                .contains("<option value=\"never\" selected=\"selected\">never</option>");

        var refused = admin.post("/senders", Map.of("provider", "webchat", "name", "Chat roto",
                "allowed_origins", "ftp://tienda.example"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-allowed_origins\"");
    }

    @Test
    void anAgentCanNeitherOpenNorSyncASender() {
        String email = "agent-" + System.nanoTime() + "@tienda.test";
        long workspace = jdbc.sql("select workspace_id from users where email like 'forms-%' order by id desc")
                .query(Long.class).list().get(0);
        TestUsers.createAgent(jdbc, passwords, workspace, email, email + "-password");
        var agent = new ConsoleSession(port);
        agent.login(email, email + "-password");
        assertThat(agent.get("/senders/snd_1").status()).isEqualTo(403);
        assertThat(agent.post("/senders/snd_1/templates/sync", Map.of()).status()).isEqualTo(403);
    }

    /** The page with its whitespace runs as one space, as a reader sees it. */
    private static String flat(String html) {
        return html.replaceAll("\\s+", " ");
    }

    private String idOf(String name) {
        String list = admin.get("/senders/table").body();
        int at = list.indexOf(">" + name + "<");
        assertThat(at).as(name).isPositive();
        Matcher m = SENDER_ID.matcher(list.substring(at));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
