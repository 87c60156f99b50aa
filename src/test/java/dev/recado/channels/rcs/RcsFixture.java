package dev.recado.channels.rcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.rcs.internal.RbmWebhooks;
import dev.recado.support.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A workspace with an RBM sender whose service account key is a fresh RSA pair, pointed at an
 * {@link RbmApiServer}; and webhooks posted to it as RBM posts them: the event base64 in a
 * Pub/Sub-style envelope over a real socket, signed in {@code X-Goog-Signature}.
 */
final class RcsFixture implements AutoCloseable {

    static final String CLIENT_TOKEN = "SJENCPGJESMGUFPY";
    static final String AGENT = "tienda_abcdef_agent";
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final KeyPair KEYS = keys();

    final ApiClient api;
    final JdbcClient jdbc;
    final String key;
    final RbmApiServer rbm;
    final String sender;
    final String hookPath;
    private final HttpClient http = HttpClient.newHttpClient();

    RcsFixture(ApiClient api, JdbcClient jdbc) throws IOException {
        this.api = api;
        this.jdbc = jdbc;
        this.key = api.newWorkspace("RCS " + System.nanoTime());
        this.rbm = new RbmApiServer(AGENT, KEYS.getPublic());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        var serviceAccount = ApiClient.JSON.createObjectNode().put("type", "service_account").put("project_id", "rbm-test")
                .put("private_key_id", "abc123").put("private_key", pem)
                .put("client_email", "rbm-agent@rbm-test.iam.gserviceaccount.com").put("token_uri", rbm.baseUrl() + "/token");
        var body = ApiClient.JSON.createObjectNode().put("channel", "rcs").put("provider", "rbm").put("name", "Tienda RCS")
                .put("agent_id", AGENT).put("service_account_json", ApiClient.JSON.writeValueAsString(serviceAccount))
                .put("client_token", CLIENT_TOKEN).put("api_base_url", rbm.baseUrl());
        var created = api.post("/v1/senders", key, ApiClient.JSON.writeValueAsString(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        this.sender = created.text("id");
        String url = created.text("webhook_url");
        this.hookPath = url.substring(url.indexOf("/hooks/"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "connected".equals(api.get("/v1/senders/" + sender, key).text("status")));
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh customer number in E.164. */
    static String newCustomer() {
        return "+3462" + String.format("%07d", NUMBERS.incrementAndGet() % 10_000_000);
    }

    long senderId() {
        return Long.parseLong(sender.substring(4), 36);
    }

    ApiClient.Response send(String json) {
        return api.post("/v1/messages", key, json);
    }

    ApiClient.Response message(String id) {
        return api.get("/v1/messages/" + id, key);
    }

    String awaitStatus(String messageId, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(message(messageId).text("status")).isEqualTo(status));
        return message(messageId).body();
    }

    /** A user event (DELIVERED, READ, IS_TYPING) about one of our messages. */
    static String userEvent(String from, String eventType, String messageId) {
        return """
                {"senderPhoneNumber":"%s","eventType":"%s","eventId":"%s","messageId":"%s","sendTime":"%s","agentId":"%s"}"""
                .formatted(from, eventType, "MxYz" + System.nanoTime(), messageId, Instant.now(), AGENT);
    }

    /** A user message; {@code members} is its content, e.g. {@code "text":"Hola"}. */
    static String userMessage(String from, String messageId, String members) {
        return """
                {"senderPhoneNumber":"%s","messageId":"%s","sendTime":"%s","agentId":"%s",%s}"""
                .formatted(from, messageId, Instant.now(), AGENT, members);
    }

    /** The envelope RBM posts around an event; each delivery has its own Pub/Sub message id. */
    static String envelope(String event) {
        return """
                {"message":{"attributes":{},"data":"%s","messageId":"%d","publishTime":"%s"},
                 "subscription":"projects/rbm-test/subscriptions/rbm-agent-subscription"}"""
                .formatted(Base64.getEncoder().encodeToString(event.getBytes(StandardCharsets.UTF_8)), System.nanoTime(),
                        Instant.now());
    }

    static String sign(String token, String event) {
        return Base64.getEncoder().encodeToString(RbmWebhooks.signature(token, event.getBytes(StandardCharsets.UTF_8)));
    }

    /** Posts the event signed with the client token, as RBM does. */
    HttpResponse<String> post(String event) {
        return post(envelope(event), sign(CLIENT_TOKEN, event));
    }

    HttpResponse<String> post(String body, String signature) {
        var b = HttpRequest.newBuilder(URI.create(api.url(hookPath))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Goog-Signature", signature);
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

    /** Waits until every stored event of this sender was processed. */
    void awaitProcessed() {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from provider_events where sender_id = :s and processed_at is null")
                .param("s", senderId()).query(Long.class).single() == 0);
    }

    long inboundCount(String from) {
        return jdbc.sql("select count(*) from messages where direction = 'inbound' and sender_id = :s and from_address = :f")
                .param("s", senderId()).param("f", from).query(Long.class).single();
    }

    @Override
    public void close() {
        rbm.close();
    }
}
