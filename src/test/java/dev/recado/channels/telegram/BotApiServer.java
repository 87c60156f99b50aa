package dev.recado.channels.telegram;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * A local server shaped like the Telegram Bot API for one bot: {@code POST /bot<token>/<method>}
 * with a JSON body, the token checked (401 Unauthorized otherwise), each method's required fields
 * checked (400 "Bad Request: ..." otherwise), answers as documented ({@code {ok, result}} or
 * {@code {ok: false, error_code, description, parameters}}), and errors scripted per chat.
 */
public final class BotApiServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> SENDS = Set.of("sendMessage", "sendPhoto", "sendDocument");

    record Scripted(int code, String description, int retryAfter, AtomicInteger times) {
    }

    /** A call the bot made: method, body and when. */
    record Call(String method, JsonNode body, Instant at) {
    }

    final String token;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Scripted> errors = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(100);
    private final HttpServer server;

    public BotApiServer(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code times} sends to {@code chatId} get this error. */
    void failFor(String chatId, int code, String description, int retryAfter, int times) {
        errors.put(chatId, new Scripted(code, description, retryAfter, new AtomicInteger(times)));
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Every send attempt to the chat, refused ones included. */
    List<Call> sendsTo(String chatId) {
        return calls.stream().filter(c -> SENDS.contains(c.method()) && c.body().path("chat_id").asString("").equals(chatId))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String prefix = "/bot" + token + "/";
            if (!path.startsWith(prefix)) {
                error(exchange, 401, "Unauthorized", 0);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")
                    || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")) {
                error(exchange, 400, "Bad Request: expected a JSON body", 0);
                return;
            }
            String method = path.substring(prefix.length());
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            calls.add(new Call(method, body, Instant.now()));
            switch (method) {
                case "getMe" -> ok(exchange, "{\"id\":7000001,\"is_bot\":true,\"first_name\":\"Tienda\",\"username\":\"tienda_bot\"}");
                case "setWebhook" -> {
                    if (!body.path("url").asString("").startsWith("http")
                            || !body.path("secret_token").asString("").matches("[A-Za-z0-9_-]{1,256}")) {
                        error(exchange, 400, "Bad Request: bad webhook: invalid url or secret token", 0);
                    } else {
                        ok(exchange, "true");
                    }
                }
                case "answerCallbackQuery" -> {
                    if (body.path("callback_query_id").asString("").isEmpty()) {
                        error(exchange, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid", 0);
                    } else {
                        ok(exchange, "true");
                    }
                }
                case "sendChatAction" -> {
                    if (body.path("chat_id").asString("").isEmpty() || !body.path("action").asString("")
                            .matches("typing|upload_photo|record_video|upload_video|record_voice|upload_voice|upload_document"
                                    + "|choose_sticker|find_location|record_video_note|upload_video_note")) {
                        error(exchange, 400, "Bad Request: wrong parameter action in request", 0);
                    } else {
                        ok(exchange, "true");
                    }
                }
                case "sendMessage", "sendPhoto", "sendDocument" -> send(exchange, method, body);
                default -> error(exchange, 404, "Not Found: method not found", 0);
            }
        }
    }

    private void send(HttpExchange exchange, String method, JsonNode body) throws IOException {
        String chat = body.path("chat_id").asString("");
        String field = switch (method) {
            case "sendPhoto" -> "photo";
            case "sendDocument" -> "document";
            default -> "text";
        };
        if (!chat.matches("-?\\d{1,20}") || body.path(field).asString("").isEmpty()) {
            error(exchange, 400, "Bad Request: message " + field + " is empty", 0);
            return;
        }
        JsonNode markup = body.path("reply_markup");
        if (!markup.isMissingNode()) {
            for (JsonNode row : markup.path("inline_keyboard")) {
                for (JsonNode button : row) {
                    int bytes = button.path("callback_data").asString("").getBytes(StandardCharsets.UTF_8).length;
                    if (button.path("text").asString("").isEmpty() || bytes < 1 || bytes > 64) {
                        error(exchange, 400, "Bad Request: BUTTON_DATA_INVALID", 0);
                        return;
                    }
                }
            }
            if (!markup.path("inline_keyboard").isArray()) {
                error(exchange, 400, "Bad Request: can't parse reply keyboard markup JSON object", 0);
                return;
            }
        }
        Scripted scripted = errors.get(chat);
        if (scripted != null && scripted.times().getAndDecrement() > 0) {
            error(exchange, scripted.code(), scripted.description(), scripted.retryAfter());
            return;
        }
        ok(exchange, "{\"message_id\":" + ids.incrementAndGet() + ",\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},"
                + "\"date\":" + Instant.now().getEpochSecond() + "}");
    }

    private static void ok(HttpExchange exchange, String result) throws IOException {
        respond(exchange, 200, "{\"ok\":true,\"result\":" + result + "}");
    }

    private static void error(HttpExchange exchange, int code, String description, int retryAfter) throws IOException {
        respond(exchange, code, "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\""
                + (retryAfter > 0 ? ",\"parameters\":{\"retry_after\":" + retryAfter + "}" : "") + "}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
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
