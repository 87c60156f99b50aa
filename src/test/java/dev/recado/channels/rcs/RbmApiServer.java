package dev.recado.channels.rcs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
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
 * A local server shaped like Google's RBM REST API for one agent, and the OAuth token endpoint of its
 * service account: {@code POST /token} (JWT bearer grant: the assertion's RS256 signature checked
 * against the key pair's public key), {@code GET /v1/phones/{msisdn}/capabilities},
 * {@code POST /v1/phones/{msisdn}/agentMessages?messageId=&agentId=} (the id must be a UUID; an id
 * seen before answers 409 ALREADY_EXISTS and is not sent again) and {@code DELETE
 * /v1/phones/{msisdn}/agentMessages/{id}?agentId=} and {@code POST /v1/phones/{msisdn}/agentEvents?eventId=&agentId=}
 * (the id a UUID, {@code eventType} one of RBM's). Errors are Google's {@code {"error": {code,
 * message, status}}}.
 */
final class RbmApiServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String agentId;
    private final PublicKey serviceAccountKey;
    final Set<String> tokens = ConcurrentHashMap.newKeySet();
    /** Numbers RBM does not reach: 404 on the capability check. */
    final Set<String> notCapable = ConcurrentHashMap.newKeySet();
    /** Numbers whose capability answer is fine but whose sends answer 404 (the device went away). */
    final Set<String> sendNotFound = ConcurrentHashMap.newKeySet();
    /** Numbers whose next send is taken but answered 503, as if the answer were lost. */
    final Set<String> loseNextAnswer = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> capabilityChecks = new ConcurrentHashMap<>();
    final Map<String, JsonNode> messagesById = new ConcurrentHashMap<>();
    final List<String> sendAttempts = new CopyOnWriteArrayList<>();
    final List<String> revoked = new CopyOnWriteArrayList<>();
    /** Users' files by name, served at {@code /files/{name}} (RBM's {@code fileUri}). */
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Agent events received, as {@code msisdn eventType messageId}. */
    final List<String> agentEvents = new CopyOnWriteArrayList<>();
    private final AtomicInteger minted = new AtomicInteger();
    private final HttpServer server;

    RbmApiServer(String agentId, PublicKey serviceAccountKey) throws IOException {
        this.agentId = agentId;
        this.serviceAccountKey = serviceAccountKey;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What RBM received for {@code msisdn} (E.164), oldest first. */
    List<JsonNode> sentTo(String msisdn) {
        return messagesById.values().stream().filter(m -> m.path("to").asString().equals(msisdn))
                .sorted(java.util.Comparator.comparing(m -> m.path("n").asInt())).map(m -> m.path("body")).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/token")) {
                token(exchange);
                return;
            }
            if (method.equals("GET") && path.startsWith("/files/")) {
                // a user's file as Google's storage serves it: by its URL alone, no token
                byte[] bytes = files.get(path.substring(7));
                if (bytes == null) {
                    error(exchange, 404, "No such object", "NOT_FOUND");
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                return;
            }
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
                error(exchange, 401, "Request had invalid authentication credentials.", "UNAUTHENTICATED");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!agentId.equals(query.get("agentId"))) {
                error(exchange, 403, "The caller does not have permission", "PERMISSION_DENIED");
                return;
            }
            var capabilities = java.util.regex.Pattern.compile("/v1/phones/(\\+[0-9]{6,15})/capabilities").matcher(path);
            var messages = java.util.regex.Pattern.compile("/v1/phones/(\\+[0-9]{6,15})/agentMessages(/([0-9a-f-]{36}))?").matcher(path);
            if (method.equals("GET") && capabilities.matches()) {
                String msisdn = capabilities.group(1);
                capabilityChecks.computeIfAbsent(msisdn, k -> new AtomicInteger()).incrementAndGet();
                if (notCapable.contains(msisdn)) {
                    error(exchange, 404, "Requested entity was not found.", "NOT_FOUND");
                } else {
                    send(exchange, 200, "{\"features\":[\"RICHCARD_STANDALONE\",\"RICHCARD_CAROUSEL\",\"ACTION_CREATE_CALENDAR_EVENT\","
                            + "\"ACTION_DIAL\",\"ACTION_OPEN_URL\",\"ACTION_SHARE_LOCATION\",\"ACTION_VIEW_LOCATION\"]}");
                }
            } else if (method.equals("POST") && messages.matches() && messages.group(2) == null) {
                create(exchange, messages.group(1), query.get("messageId"));
            } else if (method.equals("POST") && path.matches("/v1/phones/\\+[0-9]{6,15}/agentEvents")) {
                JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
                String type = event.path("eventType").asString();
                if (!String.valueOf(query.get("eventId")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                        || !type.matches("READ|IS_TYPING") || type.equals("READ") && !event.has("messageId")) {
                    error(exchange, 400, "Invalid argument", "INVALID_ARGUMENT");
                    return;
                }
                agentEvents.add(path.split("/")[3] + " " + type + " " + event.path("messageId").asString());
                send(exchange, 200, "{}");
            } else if (method.equals("DELETE") && messages.matches() && messages.group(3) != null) {
                revoked.add(messages.group(3));
                send(exchange, 200, "{}");
            } else {
                error(exchange, 404, "Method not found.", "NOT_FOUND");
            }
        }
    }

    private void create(HttpExchange exchange, String msisdn, String messageId) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        JsonNode content = body.path("contentMessage");
        if (messageId == null || !messageId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")
                || !(content.has("text") ^ content.has("richCard"))) {
            error(exchange, 400, "Invalid argument", "INVALID_ARGUMENT");
            return;
        }
        sendAttempts.add(messageId);
        if (sendNotFound.contains(msisdn)) {
            error(exchange, 404, "Requested entity was not found.", "NOT_FOUND");
            return;
        }
        if (messagesById.containsKey(messageId)) {
            error(exchange, 409, "Requested entity already exists", "ALREADY_EXISTS");
            return;
        }
        var record = JSON.createObjectNode().put("to", msisdn).put("n", messagesById.size());
        record.set("body", body);
        messagesById.put(messageId, record);
        if (loseNextAnswer.remove(msisdn)) {
            error(exchange, 503, "The service is currently unavailable.", "UNAVAILABLE");
            return;
        }
        var answer = JSON.createObjectNode().put("name", "phones/" + msisdn + "/agentMessages/" + messageId)
                .put("sendTime", java.time.Instant.now().toString());
        answer.set("contentMessage", content);
        send(exchange, 200, JSON.writeValueAsString(answer));
    }

    /** RFC 7523: the assertion must be signed by the service account's key and name our scope. */
    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String[] jwt = String.valueOf(form.get("assertion")).split("\\.");
        boolean valid = "urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")) && jwt.length == 3;
        try {
            if (valid) {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initVerify(serviceAccountKey);
                rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
                JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
                valid = rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))
                        && claims.path("scope").asString("").equals("https://www.googleapis.com/auth/rcsbusinessmessaging")
                        && claims.path("aud").asString("").equals(baseUrl() + "/token");
            }
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
            return;
        }
        String token = "ya29.test-" + minted.incrementAndGet();
        tokens.add(token);
        send(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void error(HttpExchange exchange, int status, String message, String code) throws IOException {
        send(exchange, status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\"" + code + "\"}}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
