package dev.recado.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.telegram.BotApiServer;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.RowCounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A provider's base URL is written into log lines, connection tests and message errors, so one
 * carrying {@code user:pass@} would spread the password: it is refused when saved, naming the field,
 * on every provider and in every spelling (a host {@code java.net.URI} reads as a registry name hides
 * the user info from {@code getRawUserInfo}), also where internal targets are allowed, as in tests.
 */
@RecadoTest
class ProviderBaseUrlCredentialsApiTest {

    private static final List<String> CREDENTIALED = List.of("https://user:s3cret-pw@api.example.com",
            "http://user:s3cret-pw@0x7f.0.0.1:1/bot-api", "https://s3cret-pw@api_proxy.example.com/",
            "http://user:s3cret-pw@127.0.0.1:1");
    private static final String TELEGRAM_TOKEN = "7000002:AAH-test-bot-token-0123456789abcdef";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Base URLs " + System.nanoTime());
    }

    @Test
    void everyProviderRefusesABaseUrlWithAUserNameOrPasswordAndStoresNothing() throws Exception {
        var rows = new RowCounts(jdbc);
        Map<String, Long> before = rows.now();
        for (String url : CREDENTIALED) {
            assertRefused(api.post("/v1/senders", key, """
                    {"channel":"telegram","name":"Bot","bot_token":"%s","api_base_url":"%s"}"""
                    .formatted(TELEGRAM_TOKEN, url)), "api_base_url");
            assertRefused(api.post("/v1/senders", key, """
                    {"channel":"whatsapp","name":"WA","phone_number_id":"1234567","access_token":"EAAtesttoken123",
                     "app_secret":"app-secret-1","api_base_url":"%s"}""".formatted(url)), "api_base_url");
            assertRefused(api.post("/v1/senders", key, """
                    {"channel":"rcs","provider":"rbm","name":"RCS","agent_id":"tienda_agent","access_token":"ya29.test-token",
                     "client_token":"SJENCPGJESMGUFPY","api_base_url":"%s"}""".formatted(url)), "api_base_url");
        }
        assertThat(rows.now()).isEqualTo(before);
    }

    @Test
    void aServiceAccountWhoseTokenUriCarriesAPasswordIsRefused() throws Exception {
        var rows = new RowCounts(jdbc);
        Map<String, Long> before = rows.now();
        var keys = java.security.KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder()
                .encodeToString(keys.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        var serviceAccount = ApiClient.JSON.createObjectNode().put("type", "service_account")
                .put("private_key", pem).put("client_email", "rbm-agent@rbm-test.iam.gserviceaccount.com")
                .put("token_uri", "https://user:s3cret-pw@oauth2.example.com/token");
        var body = ApiClient.JSON.createObjectNode().put("channel", "rcs").put("provider", "rbm").put("name", "RCS")
                .put("agent_id", "tienda_agent").put("service_account_json", ApiClient.JSON.writeValueAsString(serviceAccount))
                .put("client_token", "SJENCPGJESMGUFPY");
        var refused = api.post("/v1/senders", key, ApiClient.JSON.writeValueAsString(body));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("service_account_json");
        assertThat(refused.json().get("errors").get(0).get("message").asString())
                .isEqualTo("has a token_uri that carries a user name or password");
        assertThat(refused.body()).doesNotContain("s3cret");
        assertThat(rows.now()).isEqualTo(before);
    }

    @Test
    void aPatchToSuchAUrlIsRefusedAndTheStoredOneStays() throws Exception {
        try (var bot = new BotApiServer(TELEGRAM_TOKEN)) {
            var created = api.post("/v1/senders", key, """
                    {"channel":"telegram","name":"Bot","bot_token":"%s","api_base_url":"%s"}"""
                    .formatted(TELEGRAM_TOKEN, bot.baseUrl()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String sender = created.text("id");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "connected".equals(api.get("/v1/senders/" + sender, key).text("status")));
            for (String url : CREDENTIALED) {
                assertRefused(api.patch("/v1/senders/" + sender, key, "{\"api_base_url\":\"" + url + "\"}"), "api_base_url");
            }
            var stored = api.get("/v1/senders/" + sender, key);
            assertThat(stored.json().toString()).contains(bot.baseUrl()).doesNotContain("s3cret");
            api.delete("/v1/senders/" + sender, key);
        }
    }

    @Test
    void webhookUrlsAndStatusCallbacksAreRefusedInTheSameSpellings() {
        var rows = new RowCounts(jdbc);
        Map<String, Long> before = rows.now();
        for (String url : CREDENTIALED) {
            var hook = api.post("/v1/webhooks", key, "{\"url\":\"" + url + "\",\"events\":[\"message.status\"]}");
            assertThat(hook.status()).as(url + " " + hook.body()).isEqualTo(422);
            assertThat(hook.json().get("errors").get(0).get("field").asString()).isEqualTo("url");
            var message = api.post("/v1/messages", key, "{\"to\":\"+34612345678\",\"body\":\"x\",\"status_callback\":\""
                    + url + "\"}");
            assertThat(message.status()).as(url + " " + message.body()).isEqualTo(422);
        }
        assertThat(rows.now()).isEqualTo(before);
    }

    private static void assertRefused(ApiClient.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.text("code")).as(r.body()).isEqualTo("validation_failed");
        assertThat(r.json().get("errors").get(0).get("field").asString()).as(r.body()).isEqualTo(field);
        assertThat(r.json().get("errors").get(0).get("message").asString()).as(r.body())
                .isEqualTo("must not carry a user name or password");
        assertThat(r.body()).doesNotContain("s3cret");
    }
}
