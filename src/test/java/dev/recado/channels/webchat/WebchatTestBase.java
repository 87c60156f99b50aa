package dev.recado.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A workspace with a web chat widget per test class, its key read from the API as a business would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebchatTestBase {

    static final String SITE = "http://shop.example:8081";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;

    @BeforeAll
    void openWorkspace() {
        api = new ApiClient(port);
        key = api.newWorkspace("Webchat " + System.nanoTime());
    }

    /** A new widget with these extra settings (JSON members); returns its sender id. */
    String widget(String extra) {
        return widget(SITE, extra);
    }

    String widget(String site, String extra) {
        var created = api.post("/v1/senders", key, """
                {"channel":"webchat","name":"Tienda web","allowed_origins":["%s"]%s}""".formatted(site,
                extra.isEmpty() ? "" : "," + extra));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String sender = created.text("id");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "connected".equals(api.get("/v1/senders/" + sender, key).text("status")));
        return sender;
    }

    String widgetKey(String sender) {
        var snippet = api.get("/v1/senders/" + sender + "/webchat", key);
        assertThat(snippet.status()).as(snippet.body()).isEqualTo(200);
        return snippet.text("widget_key");
    }

    ChatClient chat(String widgetKey) throws Exception {
        return ChatClient.open(port, widgetKey, SITE);
    }

    long inboundOf(String visitor) {
        return jdbc.sql("""
                select count(*) from messages m join contact_channel_ids c on c.contact_id = m.contact_id
                 where c.channel = 'webchat' and c.external_id = :v and m.direction = 'inbound'""")
                .param("v", visitor).query(Long.class).single();
    }

    String contactOf(String visitor) {
        long id = jdbc.sql("select contact_id from contact_channel_ids where channel = 'webchat' and external_id = :v")
                .param("v", visitor).query(Long.class).single();
        return "ct_" + Long.toString(id, 36);
    }

    String awaitStatus(String messageId, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + messageId, key).text("status")).isEqualTo(status));
        return api.get("/v1/messages/" + messageId, key).body();
    }
}
