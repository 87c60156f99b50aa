package dev.recado.channels.webchat;


import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A visitor's page as the server sees it: a real WebSocket with the page's Origin, frames kept in order. */
final class ChatClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocketSession session;
    private final List<JsonNode> frames;

    private ChatClient(WebSocketSession session, List<JsonNode> frames) {
        this.session = session;
        this.frames = frames;
    }

    static ChatClient open(int port, String widgetKey, String origin) throws Exception {
        var headers = new WebSocketHttpHeaders();
        headers.setOrigin(origin);
        var frames = new CopyOnWriteArrayList<JsonNode>();
        var session = new StandardWebSocketClient().execute(new TextWebSocketHandler() {
            @Override
            protected void handleTextMessage(WebSocketSession s, TextMessage message) {
                frames.add(JSON.readTree(message.getPayload()));
            }
        }, headers, URI.create("ws://localhost:" + port + "/webchat/ws/" + widgetKey)).get(10, TimeUnit.SECONDS);
        return new ChatClient(session, frames);
    }

    List<JsonNode> frames() {
        return frames;
    }

    void send(Map<String, Object> frame) throws Exception {
        session.sendMessage(new TextMessage(JSON.writeValueAsString(frame)));
    }

    /** Says hello; returns the welcome frame. */
    JsonNode hello(String token, long lastSeen) throws Exception {
        send(token == null ? Map.of("type", "hello", "last_seen", lastSeen)
                : Map.of("type", "hello", "token", token, "last_seen", lastSeen));
        return await(f -> f.path("type").asString("").equals("welcome"));
    }

    void say(String clientId, String text) throws Exception {
        send(Map.of("type", "send", "client_id", clientId, "text", text));
    }

    JsonNode await(Predicate<JsonNode> which) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> frames().stream().filter(which).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    JsonNode ackOf(String clientId) {
        return await(f -> f.path("type").asString("").equals("ack") && f.path("client_id").asString("").equals(clientId));
    }

    List<JsonNode> lines() {
        return frames().stream().filter(f -> f.path("type").asString("").equals("msg")).toList();
    }

    boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws Exception {
        session.close();
    }
}
