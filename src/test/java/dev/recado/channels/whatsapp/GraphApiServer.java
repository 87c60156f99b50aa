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
 * {@code HEAD /media/<bytes>} answers a Content-Length for the media size checks. Customers' files:
 * {@code GET /{version}/{media-id}} answers {@code {url, mime_type, sha256, file_size, id}} and the
 * url (bearer token required, as Meta's lookaside URL) the bytes; downloads can be scripted to fail.
 * {@code POST .../messages} with {@code status: "read"} marks a message read and is recorded, and with
 * {@code typing_indicator: {type: "text"}} shows the business typing (recorded too).
 * {@code POST /{version}/{waba-id}/message_templates} takes a template for review as Meta does (name,
 * language, category, a BODY; a name and language the WABA has is error 100 subcode 2388024) and
 * answers {@code {id, status: PENDING, category}}; {@link #review} decides it, and the WABA's list
 * shows it with its status from then on.
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
    private final Map<String, List<Long>> attemptMillis = new ConcurrentHashMap<>();
    private final Map<String, Scripted> errors = new ConcurrentHashMap<>();
    /** One customer's file: its bytes, type, the digest Meta states, and downloads still to fail with 500. */
    record MediaFile(byte[] bytes, String mimeType, String statedSha256, long statedSize, AtomicInteger failures) {
    }

    final Map<String, MediaFile> media = new ConcurrentHashMap<>();
    final List<String> downloads = new CopyOnWriteArrayList<>();
    /** The message ids marked read, in order. */
    final List<String> reads = new CopyOnWriteArrayList<>();
    /** The message ids a typing indicator was shown on (also marked read: Meta does both in one call). */
    final List<String> typing = new CopyOnWriteArrayList<>();
    /** Templates submitted for review, as the WABA's list shows them. */
    public final List<tools.jackson.databind.node.ObjectNode> submitted = new CopyOnWriteArrayList<>();
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

    /** A file a customer sends: the Graph serves it under {@code mediaId}. */
    void mediaFile(String mediaId, byte[] bytes, String mimeType, int failures) {
        media.put(mediaId, new MediaFile(bytes, mimeType, sha256(bytes), bytes.length, new AtomicInteger(failures)));
    }

    /** A file whose stated digest or size is not what is served (a corrupted or misdescribed file). */
    void mediaFile(String mediaId, byte[] bytes, String mimeType, String statedSha256, long statedSize) {
        media.put(mediaId, new MediaFile(bytes, mimeType, statedSha256, statedSize, new AtomicInteger()));
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** When each send to the recipient arrived (epoch millis), refused or not. */
    List<Long> attemptTimes(String recipient) {
        return attemptMillis.getOrDefault(recipient, List.of());
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
                String listed = String.join(",", submitted.stream().map(JsonNode::toString).toList());
                String all = templates.isBlank() ? listed : listed.isEmpty() ? templates : templates + "," + listed;
                send(exchange, 200, "{\"data\":[" + all + "],\"paging\":{\"cursors\":{\"before\":\"MAZDZD\",\"after\":\"MjQZD\"}}}");
            } else if (exchange.getRequestMethod().equals("POST") && path.endsWith("/message_templates")) {
                submitTemplate(exchange);
            } else if (exchange.getRequestMethod().equals("GET") && path.startsWith("/" + VERSION + "/")
                    && media.containsKey(path.substring(VERSION.length() + 2))) {
                String id = path.substring(VERSION.length() + 2);
                MediaFile file = media.get(id);
                send(exchange, 200, "{\"messaging_product\":\"whatsapp\",\"url\":\"" + baseUrl()
                        + "/whatsapp_business/attachments/?mid=" + id + "&ext=1700000000&hash=ATuX\",\"mime_type\":\""
                        + file.mimeType() + "\",\"sha256\":\"" + file.statedSha256() + "\",\"file_size\":"
                        + file.statedSize() + ",\"id\":\"" + id + "\"}");
            } else if (exchange.getRequestMethod().equals("GET") && path.equals("/whatsapp_business/attachments/")) {
                download(exchange);
            } else if (exchange.getRequestMethod().equals("POST") && path.equals(number + "/messages")) {
                message(exchange);
            } else {
                error(exchange, 400, 100, "Unsupported request - method type: " + exchange.getRequestMethod(), "GraphMethodException");
            }
        }
    }

    private void download(HttpExchange exchange) throws IOException {
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        String id = query.replaceAll(".*mid=([^&]*).*", "$1");
        MediaFile file = media.get(id);
        downloads.add(id);
        if (file == null) {
            error(exchange, 404, 100, "Not found", "GraphMethodException");
        } else if (file.failures().getAndDecrement() > 0) {
            error(exchange, 500, 2, "Service temporarily unavailable", "OAuthException");
        } else {
            exchange.getResponseHeaders().add("Content-Type", file.mimeType());
            exchange.sendResponseHeaders(200, file.bytes().length);
            exchange.getResponseBody().write(file.bytes());
        }
    }

    private void message(HttpExchange exchange) throws IOException {
        if (!String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")) {
            error(exchange, 400, 100, "(#100) Invalid parameter", "OAuthException");
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (body.has("status")) {
            if (!body.path("messaging_product").asString("").equals("whatsapp") || !body.path("status").asString("").equals("read")
                    || !body.path("message_id").asString("").startsWith("wamid.")) {
                error(exchange, 400, 100, "(#100) Invalid parameter", "OAuthException");
                return;
            }
            if (body.has("typing_indicator")) {
                if (!body.path("typing_indicator").path("type").asString("").equals("text")) {
                    error(exchange, 400, 100, "(#100) Invalid parameter", "OAuthException");
                    return;
                }
                typing.add(body.path("message_id").asString());
            }
            reads.add(body.path("message_id").asString());
            send(exchange, 200, "{\"success\":true}");
            return;
        }
        String to = body.path("to").asString("");
        String type = body.path("type").asString("");
        if (!body.path("messaging_product").asString("").equals("whatsapp") || !to.matches("\\d{6,15}")
                || !TYPES.contains(type) || !body.path(type).isObject()) {
            error(exchange, 400, 100, "(#100) Invalid parameter", "OAuthException");
            return;
        }
        if (type.equals("interactive") && !catalogShape(body.path("interactive"))) {
            error(exchange, 400, 131009, "(#131009) Parameter value is not valid", "OAuthException");
            return;
        }
        attemptsByRecipient.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
        attemptMillis.computeIfAbsent(to, k -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
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

    private void submitTemplate(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String name = body.path("name").asString("");
        String language = body.path("language").asString("");
        boolean hasBody = false;
        for (JsonNode c : body.path("components")) {
            hasBody |= c.path("type").asString("").equals("BODY") && !c.path("text").asString("").isBlank();
        }
        if (!name.matches("[a-z0-9_]{1,512}") || language.isBlank() || !hasBody
                || !Set.of("MARKETING", "UTILITY", "AUTHENTICATION").contains(body.path("category").asString(""))) {
            error(exchange, 400, 100, "Invalid parameter", "OAuthException");
            return;
        }
        if (submitted.stream().anyMatch(t -> t.path("name").asString("").equals(name)
                && t.path("language").asString("").equals(language))) {
            send(exchange, 400, "{\"error\":{\"message\":\"Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,"
                    + "\"error_subcode\":2388024,\"error_user_title\":\"Content in this language already exists\"}}");
            return;
        }
        String id = String.valueOf(1_700_000_000_000L + ids.incrementAndGet());
        var stored = JSON.createObjectNode();
        stored.put("name", name).put("language", language).put("status", "PENDING")
                .put("category", body.path("category").asString()).put("id", id);
        stored.set("components", body.path("components"));
        submitted.add(stored);
        send(exchange, 200, "{\"id\":\"" + id + "\",\"status\":\"PENDING\",\"category\":\""
                + body.path("category").asString() + "\"}");
    }

    /** Meta's review of a submitted template: its new status (and the reason) as the WABA's list shows it; returns its id. */
    String review(String name, String language, String status, String reason) {
        var template = submitted.stream().filter(t -> t.path("name").asString("").equals(name)
                && t.path("language").asString("").equals(language)).findFirst().orElseThrow();
        template.put("status", status);
        if (reason != null) {
            template.put("rejected_reason", reason);
        }
        return template.path("id").asString();
    }

    /** Catalog messages as documented: a catalog, and one retailer id or up to 10 sections of 30 items in all. */
    private static boolean catalogShape(JsonNode interactive) {
        String kind = interactive.path("type").asString("");
        JsonNode action = interactive.path("action");
        if (kind.equals("product")) {
            return !action.path("catalog_id").asString("").isBlank() && !action.path("product_retailer_id").asString("").isBlank();
        }
        if (!kind.equals("product_list")) {
            return true;
        }
        int items = 0;
        for (JsonNode section : action.path("sections")) {
            if (section.path("product_items").isEmpty() || action.path("sections").size() > 1 && section.path("title").asString("").isBlank()) {
                return false;
            }
            items += section.path("product_items").size();
        }
        return !action.path("catalog_id").asString("").isBlank() && interactive.path("header").path("type").asString("").equals("text")
                && !interactive.path("body").path("text").asString("").isBlank() && action.path("sections").size() >= 1
                && action.path("sections").size() <= 10 && items <= 30;
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
