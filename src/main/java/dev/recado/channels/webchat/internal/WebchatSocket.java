package dev.recado.channels.webchat.internal;

import dev.recado.channels.webchat.WebchatAdapterFactory;
import dev.recado.common.FieldProblem;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.ProviderReceipt;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The chat protocol, JSON text frames. The page says {@code hello} (its token, if it has one, and the
 * last line id it saw) and gets {@code welcome} (a token when new, the widget's look, whether it is
 * online) and then every line it has not seen. {@code send} carries the page's own id of a message:
 * it is stored once however often it is resent and answered {@code ack} only once durable, so the
 * page resends whatever was not acknowledged when the socket dropped. {@code delivered} and
 * {@code read} name outbound lines, and become the messages' receipts. {@code form} is the pre-chat form.
 */
@Component
class WebchatSocket extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(WebchatSocket.class);
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final int HISTORY = 500;

    /** One open socket: its widget, and its visitor once it said hello. */
    private static final class Conversation {
        final long senderId;
        final WebSocketSession socket;
        volatile WebchatStore.Visitor visitor;
        volatile WebchatHub.Live live;
        /** What the page was last told: online, or offline and taking messages through the form. */
        volatile boolean online;

        Conversation(long senderId, WebSocketSession socket) {
            this.senderId = senderId;
            this.socket = socket;
        }
    }

    private final WebchatAdapterFactory widgets;
    private final WebchatStore store;
    private final WebchatHub hub;
    private final VisitorForms forms;
    private final WidgetPresence presence;
    private final Clock clock;
    private final Map<String, Conversation> open = new ConcurrentHashMap<>();
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    WebchatSocket(WebchatAdapterFactory widgets, WebchatStore store, WebchatHub hub, VisitorForms forms,
            WidgetPresence presence, Clock clock) {
        this.presence = presence;
        this.widgets = widgets;
        this.store = store;
        this.hub = hub;
        this.forms = forms;
        this.clock = clock;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        long sender = (Long) session.getAttributes().get(WebchatHandshake.WIDGET);
        open.put(session.getId(), new Conversation(sender, new ConcurrentWebSocketSessionDecorator(session, 10_000, 512 * 1024)));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Conversation c = open.remove(session.getId());
        if (c != null && c.live != null) {
            hub.unregister(c.live);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Conversation c = open.get(session.getId());
        if (c == null) {
            return;
        }
        var widget = widgets.widget(c.senderId);
        if (widget.isEmpty()) {
            close(c, CloseStatus.GOING_AWAY);
            return;
        }
        JsonNode frame;
        try {
            frame = WebchatHub.JSON.readTree(message.getPayload());
        } catch (JacksonException e) {
            error(c, "bad_frame", null, null, "not JSON");
            return;
        }
        String type = frame.path("type").asString("");
        if (!type.equals("hello") && c.visitor == null) {
            error(c, "hello_first", null, null, "say hello first");
            return;
        }
        switch (type) {
            case "hello" -> hello(c, widget.get(), frame);
            case "send" -> send(c, widget.get(), frame);
            case "form" -> form(c, frame);
            case "delivered" -> receipts(c, frame, ProviderReceipt.ReceiptState.DELIVERED);
            case "read" -> receipts(c, frame, ProviderReceipt.ReceiptState.READ);
            default -> error(c, "bad_frame", null, "type", "unknown type");
        }
    }

    private void hello(Conversation c, WebchatChannelAdapter widget, JsonNode frame) {
        if (c.visitor != null) {
            return;
        }
        String token = frame.path("token").asString(null);
        long workspace = widget.config().workspaceId();
        var known = store.byToken(workspace, token).filter(v -> v.senderId() == widget.config().senderId());
        String newToken = null;
        WebchatStore.Visitor visitor;
        if (known.isPresent()) {
            visitor = known.get();
        } else {
            var created = store.newVisitor(workspace, widget.config().senderId());
            visitor = created.getKey();
            newToken = created.getValue();
        }
        c.visitor = visitor;
        boolean online = presence.online(widget);
        c.online = online;
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("type", "welcome");
        welcome.put("visitor", visitor.publicId());
        welcome.put("token", newToken);
        welcome.put("form_done", visitor.formDone());
        welcome.put("widget", widget.settings().forWidget(online));
        WebchatHub.frame(c.socket, welcome);
        // registered before the history is read, so a line stored in between is pushed, not lost
        c.live = new WebchatHub.Live(c.socket, visitor.id());
        hub.register(c.live);
        long lastSeen = known.isPresent() ? Math.max(0, frame.path("last_seen").asLong(0)) : 0;
        store.since(visitor.id(), lastSeen, clock.instant().minus(WebchatHub.OVERLAP), HISTORY)
                .forEach(event -> hub.send(c.live, event));
    }

    private void send(Conversation c, WebchatChannelAdapter widget, JsonNode frame) {
        String clientId = frame.path("client_id").asString("");
        String text = frame.path("text").asString("").strip();
        if (!CLIENT_ID.matcher(clientId).matches()) {
            error(c, "invalid", null, "client_id", "must be 1 to 40 of A-Z, a-z, 0-9, _ and -");
            return;
        }
        if (text.isEmpty() || text.length() > WebchatAdapterFactory.MAX_TEXT) {
            error(c, "too_long", clientId, "text", "must be 1 to " + WebchatAdapterFactory.MAX_TEXT + " characters");
            return;
        }
        WebchatStore.Visitor visitor = c.visitor;
        boolean online = presence.online(widget);
        if ((widget.settings().prechatForm() || !online) && !visitor.formDone()) {
            error(c, "form_required", clientId, null, "fill in the form first");
            return;
        }
        var allowed = bucket(visitor.id(), widget.settings().ratePerMinute()).tryConsumeAndReturnRemaining(1);
        if (!allowed.isConsumed()) {
            Map<String, Object> refused = errorFrame("rate_limited", clientId, null, "too many messages");
            refused.put("retry_after_ms", Math.max(1, allowed.getNanosToWaitForRefill() / 1_000_000));
            WebchatHub.frame(c.socket, refused);
            return;
        }
        try {
            widget.listener().onInbound(new ProviderInbound(null, "webchat", text,
                    "wc:" + visitor.publicId() + ":" + clientId, clock.instant(), null, visitor.publicId(), visitor.name()));
            var stored = store.appendInbound(visitor, clientId, text);
            long id = stored.orElseGet(() -> store.idOfClient(visitor.id(), clientId));
            if (stored.isPresent()) {
                c.live.sent().add(id);
            }
            log.debug("Web chat visitor {} line {}: {}", visitor.publicId(), id, text);
            Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("type", "ack");
            ack.put("client_id", clientId);
            ack.put("id", id);
            WebchatHub.frame(c.socket, ack);
            hub.wake();
        } catch (RuntimeException e) {
            log.warn("Web chat message of visitor {} not stored: {}", visitor.publicId(), e.toString());
            error(c, "not_stored", clientId, null, "try again");
        }
    }

    /**
     * Tells each page whose widget went online or offline since it was last told (agents came or left,
     * business hours began or ended): one presence answer per widget with open sockets on this node.
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 15_000, initialDelay = 15_000)
    void pushPresence() {
        Map<Long, Boolean> online = new java.util.HashMap<>();
        for (Conversation c : open.values()) {
            if (c.visitor == null) {
                continue;
            }
            var widget = widgets.widget(c.senderId);
            if (widget.isEmpty()) {
                continue;
            }
            boolean now = online.computeIfAbsent(c.senderId, s -> presence.online(widget.get()));
            if (now != c.online) {
                c.online = now;
                Map<String, Object> frame = new LinkedHashMap<>();
                frame.put("type", "presence");
                frame.put("widget", widget.get().settings().forWidget(now));
                WebchatHub.frame(c.socket, frame);
            }
        }
    }

    private void form(Conversation c, JsonNode frame) {
        var attributes = c.socket.getAttributes();
        var form = new VisitorForms.Form(frame.path("name").asString(null), frame.path("email").asString(null),
                frame.path("phone").asString(null), frame.path("consent").asBoolean(false),
                frame.path("consent_text").asString(null), frame.path("page").asString(null),
                (String) attributes.get(WebchatHandshake.ORIGIN), (String) attributes.get(WebchatHandshake.ADDRESS),
                (String) attributes.get(WebchatHandshake.AGENT));
        List<FieldProblem> problems = forms.submit(c.visitor, form);
        if (!problems.isEmpty()) {
            Map<String, Object> refused = errorFrame("invalid", null, problems.get(0).field(), problems.get(0).message());
            refused.put("errors", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
            WebchatHub.frame(c.socket, refused);
            return;
        }
        c.visitor = store.byPublicId(c.visitor.publicId()).orElse(c.visitor);
        WebchatHub.frame(c.socket, Map.of("type", "form_ok"));
    }

    private void receipts(Conversation c, JsonNode frame, ProviderReceipt.ReceiptState state) {
        List<Long> ids = frame.path("ids").valueStream().filter(JsonNode::isIntegralNumber).map(JsonNode::asLong)
                .limit(HISTORY).toList();
        for (var line : store.outboundOf(c.visitor.id(), ids)) {
            widgets.widget(line.senderId()).ifPresent(w -> w.listener().onReceipt(new ProviderReceipt(
                    WebchatChannelAdapter.providerId(line.id()), state, null, null, clock.instant())));
        }
    }

    private Bucket bucket(long visitorId, int perMinute) {
        if (buckets.size() > 100_000) {
            buckets.clear(); // a bound on memory; the limit is a guard against floods, not a quota
        }
        return buckets.computeIfAbsent(visitorId, v -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
    }

    private void error(Conversation c, String code, String clientId, String field, String message) {
        WebchatHub.frame(c.socket, errorFrame(code, clientId, field, message));
    }

    private static Map<String, Object> errorFrame(String code, String clientId, String field, String message) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("code", code);
        frame.put("client_id", clientId);
        frame.put("field", field);
        frame.put("message", message);
        return frame;
    }

    private static void close(Conversation c, CloseStatus status) {
        try {
            c.socket.close(status);
        } catch (java.io.IOException e) {
            log.debug("Web chat socket {} did not close cleanly: {}", c.socket.getId(), e.toString());
        }
    }
}
