package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A workspace with a WhatsApp sender pointed at a {@link GraphApiServer}, and webhooks posted to it
 * the way Meta posts them: JSON over a real socket, signed with the app secret in
 * {@code X-Hub-Signature-256}.
 */
final class WhatsAppFixture implements AutoCloseable {

    static final String APP_SECRET = "app-secret-0123456789abcdef";
    static final String TOKEN = "EAAG-test-access-token-0123456789";
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000);

    final ApiClient api;
    final String key;
    final GraphApiServer graph;
    final String sender;
    final String hookPath;
    final String phoneNumberId;
    private final HttpClient http = HttpClient.newHttpClient();

    final JdbcClient jdbc;

    WhatsAppFixture(ApiClient api, JdbcClient jdbc) throws IOException {
        this(api, jdbc, "");
    }

    /** {@code templates}: the WABA's templates, as members of the Graph's {@code data} array. */
    WhatsAppFixture(ApiClient api, JdbcClient jdbc, String templates) throws IOException {
        this.api = api;
        this.jdbc = jdbc;
        this.key = api.newWorkspace("WhatsApp " + System.nanoTime());
        this.phoneNumberId = String.valueOf(100_000_000_000L + NUMBERS.incrementAndGet());
        this.graph = new GraphApiServer(phoneNumberId, TOKEN);
        graph.templates = templates;
        var created = api.post("/v1/senders", key, """
                {"channel":"whatsapp","name":"Tienda WhatsApp","phone_number_id":"%s","business_account_id":"1029384756",
                 "access_token":"%s","app_secret":"%s","verify_token":"verify-me-123","api_base_url":"%s"}"""
                .formatted(phoneNumberId, TOKEN, APP_SECRET, graph.baseUrl()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        this.sender = created.text("id");
        String url = created.text("webhook_url");
        this.hookPath = url.substring(url.indexOf("/hooks/"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "connected".equals(api.get("/v1/senders/" + sender, key).text("status")));
    }

    /** A fresh customer number (digits, as WhatsApp writes wa_id). */
    static String newCustomer() {
        return "3461" + String.format("%07d", NUMBERS.incrementAndGet() % 10_000_000);
    }

    /** One change of the messages field for this number, around the given value members. */
    String event(String valueMembers) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1029384756","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"34910000000",
                 "phone_number_id":"%s"},%s}}]}]}""".formatted(phoneNumberId, valueMembers);
    }

    /** A customer's message: {@code message} is the type and its object, e.g. {@code "type":"text","text":{...}}. */
    String inbound(String from, String wamid, String message) {
        return event("""
                "contacts":[{"profile":{"name":"Lucía"},"wa_id":"%s","user_id":"ES.%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d",%s}]""".formatted(from, from, from, wamid,
                Instant.now().getEpochSecond(), message));
    }

    String status(String wamid, String status, String recipient, String errors) {
        return event("""
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"%s}]""".formatted(wamid, status,
                Instant.now().getEpochSecond(), recipient, errors == null ? "" : ",\"errors\":" + errors));
    }

    /**
     * Meta's {@code message_template_status_update} for the WABA (its id in the entry, no phone
     * number), after {@link GraphApiServer#review} decided the template; {@code language} as Meta
     * writes it here ({@code en-US}).
     */
    String templateStatus(String event, String templateId, String name, String language, String reason) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1029384756","time":%d,"changes":[{"value":{
                 "event":"%s","message_template_id":%s,"message_template_name":"%s","message_template_language":"%s",
                 "reason":%s},"field":"message_template_status_update"}]}]}""".formatted(Instant.now().getEpochSecond(),
                event, templateId, name, language, reason == null ? "null" : "\"" + reason + "\"");
    }

    HttpResponse<String> post(String json) {
        return post(json, "sha256=" + sign(APP_SECRET, json));
    }

    HttpResponse<String> post(String json, String signature) {
        var b = HttpRequest.newBuilder(URI.create(api.url(hookPath))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String query) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(api.url(hookPath + "?" + query))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The customer writes, and the window it opens is stored before this returns. */
    void customerWrites(String from, String text) {
        String wamid = "wamid.in." + System.nanoTime();
        var r = post(inbound(from, wamid, "\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> inboundCount(from) > 0 && jdbc.sql(
                "select count(*) from messages where direction = 'inbound' and sender_id = :s and body = :b")
                .param("s", senderId()).param("b", text).query(Long.class).single() > 0);
    }

    long senderId() {
        return Long.parseLong(sender.substring(4), 36);
    }

    /** Inbound messages stored from this customer on this sender. */
    long inboundCount(String digits) {
        return jdbc.sql("select count(*) from messages where direction = 'inbound' and sender_id = :s and from_address = :f")
                .param("s", senderId()).param("f", "+" + digits).query(Long.class).single();
    }

    ApiClient.Response send(String json) {
        return api.post("/v1/messages", key, json);
    }

    String awaitStatus(String messageId, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + messageId, key).text("status")).isEqualTo(status));
        return api.get("/v1/messages/" + messageId, key).body();
    }

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        graph.close();
    }
}
