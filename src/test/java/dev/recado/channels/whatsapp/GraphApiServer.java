package dev.recado.channels.whatsapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local server shaped like Meta's Graph API for one WhatsApp number: {@code GET /{version}/{id}}
 * and {@code POST /{version}/{id}/messages}, the Bearer token checked (190 when it is not the
 * number's), the message JSON checked against the documented shape (100 "Invalid parameter"
 * otherwise), answers with wamids, and documented error objects scripted per recipient.
 * {@code HEAD /media/<bytes>} answers a Content-Length for the media size checks.
 */
public final class GraphApiServer implements AutoCloseable {

    static final String VERSION = "v23.0";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TYPES = Set.of("text", "template", "image", "video", "audio", "document", "sticker",
            "interactive", "location");

    /** One error answer: HTTP status and the Graph error code, given {@code times} times. */
    record Scripted(int status, int code, String message, AtomicInteger times) {
    }

    final String phoneNumberId;
    public volatile String token;
    /** The WABA's templates as {@code message_templates} lists them ({@code data} array members). */
    public volatile String templates = "";
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> attemptsByRecipient = new ConcurrentHashMap<>();
    private final Map<String, Scripted> errors = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final HttpServer server;

    public GraphApiServer(String phoneNumberId, String token) throws IOException {
        this.phoneNumberId = phoneNumberId;
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code times} sends to {@code recipient} (digits) get this Graph error. */
    void failFor(String recipient, int status, int code, String message, int times) {
        errors.put(recipient, new Scripted(status, code, message, new AtomicInteger(times)));
    }

    List<JsonNode> sentTo(String recipient) {
        return messages.stream().filter(m -> m.path("to").asString("").equals(recipient)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("HEAD") && path.startsWith("/media/")) {
                long size = Long.parseLong(path.substring("/media/".length()).replaceAll("\\D.*", ""));
                exchange.getResponseHeaders().add("Content-Length", String.valueOf(size));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, 190, "Error validating access token: Session has expired", "OAuthException");
                return;
            }
            String number = "/" + VERSION + "/" + phoneNumberId;
            if (exchange.getRequestMethod().equals("GET") && path.equals(number)) {
                send(exchange, 200, "{\"display_phone_number\":\"+34 910 000 000\",\"id\":\"" + phoneNumberId + "\"}");
            } else if (exchange.getRequestMethod().equals("GET") && path.endsWith("/message_templates")) {
                send(exchange, 200, "{\"data\":[" + templates + "],\"paging\":{\"cursors\":{\"before\":\"MAZDZD\",\"after\":\"MjQZD\"}}}");
            } else if (exchange.getRequestMethod().equals("POST") && path.equals(number + "/messages")) {
                message(exchange);
            } else {
                error(exchange, 400, 100, "Unsupported request - method type: " + exchange.getRequestMethod(), "GraphMethodException");
            }
        }
    }

    private void message(HttpExchange exchange) throws IOException {
        if (!String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")) {
            error(exchange, 400, 100, "(#100) Invalid parameter", "OAuthException");
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String to = body.path("to").asString("");
        String type = body.path("type").asString("");
        if (!body.path("messaging_product").asString("").equals("whatsapp") || !to.matches("\\d{6,15}")
                || !TYPES.contains(type) || !body.path(type).isObject()) {
            error(exchange, 400, 100, "(#100) Invalid parameter", "OAuthException");
            return;
        }
        attemptsByRecipient.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
        Scripted scripted = errors.get(to);
        if (scripted != null && scripted.times().getAndDecrement() > 0) {
            error(exchange, scripted.status(), scripted.code(), scripted.message(), "OAuthException");
            return;
        }
        messages.add(body);
        String wamid = "wamid.HBgL" + to + "FQIAERgS" + ids.incrementAndGet();
        send(exchange, 200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to + "\",\"wa_id\":\""
                + to + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}");
    }

    private static void error(HttpExchange exchange, int status, int code, String message, String type) throws IOException {
        send(exchange, status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":" + code
                + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + message + "\"},"
                + "\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
