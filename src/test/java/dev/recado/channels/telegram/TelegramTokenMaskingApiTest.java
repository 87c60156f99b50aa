package dev.recado.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.recado.support.RecadoTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The bot token is part of every Bot API URL: whatever fails on the way (a refused connection, a
 * server or proxy whose error echoes the path) reaches the logs, a message's error and the API's
 * answers with the token masked.
 */
@RecadoTest
class TelegramTokenMaskingApiTest extends TelegramTestBase {

    /** What BotFather's token is a secret for: the part after the colon. */
    private static final String SECRET = TOKEN.substring(TOKEN.indexOf(':') + 1);

    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void captureLogs() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void detachLogs() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        logs.stop();
    }

    @Test
    void aServerEchoingThePathLeavesTheTokenOutOfLogsAndTheConnectionTest() throws IOException {
        // a reverse proxy in front of a local Bot API server, answering what it could not route
        HttpServer echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        echo.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = ("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: POST "
                        + exchange.getRequestURI().getPath() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        echo.start();
        try {
            var created = api.post("/v1/senders", key, """
                    {"channel":"telegram","name":"Bot tras proxy","bot_token":"%s","api_base_url":"http://127.0.0.1:%d"}"""
                    .formatted(TOKEN, echo.getAddress().getPort()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.text("id");
            long senderId = Long.parseLong(id.substring(4), 36);
            // the probe's getMe is answered 404 and says so in a warning
            await().atMost(Duration.ofSeconds(20)).until(() -> logged().contains("Sender " + senderId + ": the Bot API answered 404"));
            assertThat(logged()).contains("/bot<redacted>/getMe");

            var test = api.post("/v1/senders/" + id + "/test", key, "{}");
            assertThat(test.text("detail")).contains("Not Found: POST /bot<redacted>/getMe");
            noToken(test.body() + api.get("/v1/senders/" + id, key).body());
            noToken(logged());
        } finally {
            echo.stop(0);
        }
    }

    @Test
    void aRefusalNamingTheTokenIsStoredOnTheMessageMasked() {
        String chat = newChat();
        bot.failFor(chat, 400, "Bad Request: chat not found at /bot" + TOKEN + "/sendMessage", 0, 1);
        var sent = send("{\"to\":\"%s\",\"channel\":\"telegram\",\"body\":\"Hola\"}".formatted(chat));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String body = awaitStatus(sent.text("id"), "failed");
        assertThat(body).contains("bot<redacted>");
        noToken(body);
        noToken(storedError(sent.text("id")));
        noToken(logged());
    }

    @Test
    void aBotApiThatRefusesConnectionsLeavesTheTokenOutOfTheMessagesErrorAndTheLogs() throws Exception {
        // a bot of its own, connected, whose server then goes away: its port refuses connections
        String ownKey = api.newWorkspace("Telegram gone " + System.nanoTime());
        var gone = new BotApiServer(TOKEN);
        var created = api.post("/v1/senders", ownKey, """
                {"channel":"telegram","name":"Bot caído","bot_token":"%s","api_base_url":"%s"}"""
                .formatted(TOKEN, gone.baseUrl()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(api.get("/v1/senders/" + id, ownKey).text("status")));
        gone.close();

        var sent = api.post("/v1/messages", ownKey, "{\"to\":\"%s\",\"channel\":\"telegram\",\"body\":\"Hola\"}".formatted(newChat()));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "telegram_unreachable".equals(
                api.get("/v1/messages/" + sent.text("id"), ownKey).text("error_code")));
        String error = storedError(sent.text("id"));
        // the failure is named, not "null"
        assertThat(error).contains("ConnectException");
        noToken(error);
        var test = api.post("/v1/senders/" + id + "/test", ownKey, "{}");
        assertThat(test.json().get("connected").asBoolean()).isFalse();
        noToken(test.body() + api.get("/v1/senders/" + id, ownKey).body() + api.get("/v1/messages/" + sent.text("id"), ownKey).body());
        noToken(logged());
    }

    private String storedError(String messageId) {
        return jdbc.sql("select error_code || ' ' || error_text from messages where id = :id")
                .param("id", Long.parseLong(messageId.substring(4), 36)).query(String.class).single();
    }

    private String logged() {
        return logs.list.stream().map(e -> e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }

    /** Neither the token nor its secret part, also as an error code would spell it (lower case, _ for -). */
    private static void noToken(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain(SECRET.toLowerCase(Locale.ROOT))
                .doesNotContain(SECRET.toLowerCase(Locale.ROOT).replace('-', '_'));
    }
}
