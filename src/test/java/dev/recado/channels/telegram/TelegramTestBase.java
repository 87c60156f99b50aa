package dev.recado.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One workspace and Telegram bot on a local {@link BotApiServer} per test class, and updates posted
 * to the sender's webhook the way Telegram posts them: JSON over a real socket with the secret the
 * bot registered through {@code setWebhook} in {@code X-Telegram-Bot-Api-Secret-Token}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TelegramTestBase {

    static final String TOKEN = "7000001:AAH-test-bot-token-0123456789abcdef";
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    BotApiServer bot;
    String sender;
    String hookPath;

    @BeforeAll
    void openBot() throws Exception {
        api = new ApiClient(port);
        key = api.newWorkspace("Telegram " + System.nanoTime());
        bot = new BotApiServer(TOKEN);
        var created = api.post("/v1/senders", key, """
                {"channel":"telegram","name":"Tienda bot","bot_token":"%s","api_base_url":"%s"}"""
                .formatted(TOKEN, bot.baseUrl()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        sender = created.text("id");
        String url = created.text("webhook_url");
        hookPath = url.substring(url.indexOf("/hooks/"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "connected".equals(api.get("/v1/senders/" + sender, key).text("status")));
    }

    @AfterAll
    void closeBot() {
        bot.close();
    }

    /** A fresh private chat id (a Telegram user id). */
    static String newChat() {
        return String.valueOf(5_000_000_000L + IDS.incrementAndGet());
    }

    static long nextUpdateId() {
        return IDS.incrementAndGet();
    }

    /** The secret the bot registered with setWebhook, as Telegram sends it back. */
    String secret() {
        return bot.calls("setWebhook").getLast().body().path("secret_token").asString();
    }

    ApiClient.Response postUpdate(String json, String secret) {
        return api.post(hookPath, null, json, secret == null ? Map.of() : Map.of("X-Telegram-Bot-Api-Secret-Token", secret));
    }

    ApiClient.Response postUpdate(String json) {
        return postUpdate(json, secret());
    }

    static String textUpdate(long updateId, String chat, String text) {
        return """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%s,"is_bot":false,"first_name":"Lucía"},
                 "chat":{"id":%s,"first_name":"Lucía","type":"private"},"date":%d,"text":"%s"}}"""
                .formatted(updateId, updateId % 100_000, chat, chat, Instant.now().getEpochSecond(), text);
    }

    long senderId() {
        return Long.parseLong(sender.substring(4), 36);
    }

    long inboundCount(String chat) {
        return jdbc.sql("select count(*) from messages where direction = 'inbound' and sender_id = :s and from_address = :f")
                .param("s", senderId()).param("f", chat).query(Long.class).single();
    }

    ApiClient.Response send(String json) {
        return api.post("/v1/messages", key, json);
    }

    String awaitStatus(String messageId, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + messageId, key).text("status")).isEqualTo(status));
        return api.get("/v1/messages/" + messageId, key).body();
    }
}
