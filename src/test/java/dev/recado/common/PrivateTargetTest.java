package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.smpp.SmscSimulator;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.RowCounts;
import dev.recado.support.WebhookReceiver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** With the production default (no private targets), the API refuses internal addresses and the deliverer does too. */
@RecadoTest
@TestPropertySource(properties = "recado.allow-private-targets=false")
class PrivateTargetTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    String workspace;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        var ws = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY, "{\"name\":\"Targets\"}");
        key = ws.text("api_key");
        workspace = ws.text("id");
    }

    private void assertRefused(ApiClient.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.text("code")).isEqualTo("private_target");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    @Test
    void internalWebhookUrlsCallbacksAndSmscHostsAreRefusedAndWriteNothing() {
        var rows = new RowCounts(jdbc);
        Map<String, Long> before = rows.now();
        for (String url : new String[] {"http://127.0.0.1:8080/x", "http://2130706433/", "http://0x7f.0.0.1/",
            "http://169.254.169.254/latest/meta-data/", "http://metadata.google.internal/", "http://10.0.0.8/",
            "http://[::1]/", "http://[fd12::1]/", "http://0.0.0.0:80/", "https://user:pass@example.com/hook"}) {
            assertRefused(api.post("/v1/webhooks", key, "{\"url\":\"" + url + "\",\"events\":[\"message.status\"]}"), "url");
            assertRefused(api.post("/v1/messages", key, "{\"to\":\"+34612345678\",\"body\":\"x\",\"status_callback\":\""
                    + url + "\"}"), "status_callback");
        }
        assertRefused(api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"LAN\",\"host\":\"192.168.1.20\","
                + "\"system_id\":\"acme\",\"source_address\":\"ACME\"}"), "host");
        assertRefused(api.post("/v1/senders", key, "{\"channel\":\"email\",\"name\":\"LAN relay\","
                + "\"smtp_host\":\"169.254.169.254\",\"from_address\":\"hola@example.com\"}"), "smtp_host");
        assertThat(rows.now()).isEqualTo(before);
    }

    @Test
    void onlyThePlatformKeyAllowsAWorkspacePrivateHosts() {
        var denied = api.patch("/v1/workspaces/" + workspace, key, "{\"allow_private_hosts\":true}");
        assertThat(denied.status()).isEqualTo(403);
        var allowed = api.patch("/v1/workspaces/" + workspace, ApiClient.PLATFORM_KEY, "{\"allow_private_hosts\":true}");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.json().get("allow_private_hosts").asBoolean()).isTrue();
        var lan = api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"LAN\",\"host\":\"192.168.1.20\","
                + "\"system_id\":\"acme\",\"source_address\":\"ACME\"}");
        assertThat(lan.status()).as(lan.body()).isEqualTo(201);
        api.delete("/v1/senders/" + lan.text("id"), key);
    }

    @Test
    void deliveriesAreCheckedAgainWhenSentAndRefusedOnceThePermissionIsGone() {
        try (var smsc = SmscSimulator.onPort(0).receiptDelay(Duration.ofMillis(20)).start();
                var receiver = new WebhookReceiver()) {
            api.patch("/v1/workspaces/" + workspace, ApiClient.PLATFORM_KEY, "{\"allow_private_hosts\":true}");
            var sender = api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"Local\",\"host\":\"127.0.0.1\",\"port\":"
                    + smsc.port() + ",\"system_id\":\"acme\",\"password\":\"pw\",\"source_address\":\"ACME\"}");
            assertThat(sender.status()).as(sender.body()).isEqualTo(201);
            var hook = api.post("/v1/webhooks", key, "{\"url\":\"" + receiver.url("/hooks") + "\",\"events\":[\"message.status\"]}");
            assertThat(hook.status()).as(hook.body()).isEqualTo(201);
            api.patch("/v1/workspaces/" + workspace, ApiClient.PLATFORM_KEY, "{\"allow_private_hosts\":false}");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "connected".equals(api.get("/v1/senders/" + sender.text("id"), key).text("status")));
            var sent = api.post("/v1/messages", key, "{\"to\":\"+34612345678\",\"body\":\"hola\"}");
            assertThat(sent.status()).as(sent.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "select count(*) from webhook_deliveries where last_error like 'private_target%'").query(Long.class).single() > 0);
            assertThat(receiver.received()).isEmpty();
            api.delete("/v1/senders/" + sender.text("id"), key);
        }
    }
}
