package dev.recado.channels.webchat.internal;

import dev.recado.common.PollingWorker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * The visitors' sockets open on this node, and the push of new lines to them. Lines reach the
 * database first, from any node; each pass here reads what was stored lately for the connected
 * visitors and sends each socket what it has not been sent (a wake-up after a local write, a poll of
 * half a second for other nodes' writes), and the same for an agent typing to a connected visitor.
 * Nothing else is kept: a visitor that reconnects elsewhere reads its stream from its last seen id.
 */
@Component
public class WebchatHub extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(WebchatHub.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** How far back a pass looks: longer than any transaction that stores a line stays open. */
    static final Duration OVERLAP = Duration.ofSeconds(30);

    /** How long a visitor is shown an agent typing after the agent's last keystroke reached us. */
    static final Duration TYPING_SHOWN = Duration.ofSeconds(6);

    /** One visitor's socket, the ids of the lines it was sent, and the agent's typing it was last shown. */
    public record Live(WebSocketSession socket, long visitorId, Set<Long> sent, AtomicReference<Instant> typingShown) {

        public Live(WebSocketSession socket, long visitorId) {
            this(socket, visitorId, ConcurrentHashMap.newKeySet(), new AtomicReference<>());
        }
    }

    private final WebchatStore store;
    private final Clock clock;
    private final Map<Long, Set<Live>> live = new ConcurrentHashMap<>();

    WebchatHub(WebchatStore store, Clock clock) {
        super("webchat-push", Duration.ofMillis(500), 0);
        this.store = store;
        this.clock = clock;
    }

    public void register(Live socket) {
        live.computeIfAbsent(socket.visitorId(), v -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    public void unregister(Live socket) {
        live.computeIfPresent(socket.visitorId(), (v, set) -> {
            set.remove(socket);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    protected boolean pass() {
        if (live.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        List<Long> visitors = List.copyOf(live.keySet());
        for (int from = 0; from < visitors.size(); from += 500) {
            List<Long> some = visitors.subList(from, Math.min(visitors.size(), from + 500));
            for (var event : store.recent(some, now.minus(OVERLAP))) {
                live.getOrDefault(event.visitorId(), Set.of()).forEach(socket -> send(socket, event));
            }
            store.typingSince(some, now.minus(TYPING_SHOWN)).forEach((visitor, at) ->
                    live.getOrDefault(visitor, Set.of()).forEach(socket -> typing(socket, at)));
        }
        return false;
    }

    /** Tells a socket an agent is typing, once per keystroke the database recorded. */
    private void typing(Live socket, Instant at) {
        Instant shown = socket.typingShown().get();
        if ((shown == null || shown.isBefore(at)) && socket.typingShown().compareAndSet(shown, at)) {
            frame(socket.socket(), Map.of("type", "typing", "for_ms", TYPING_SHOWN.toMillis()));
        }
    }

    /** Sends a line to a socket once. */
    public void send(Live socket, WebchatStore.Event event) {
        if (socket.sent().add(event.id())) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "msg");
            frame.put("id", event.id());
            frame.put("dir", event.direction());
            frame.put("client_id", event.clientId());
            frame.put("text", event.body());
            frame.put("at", event.createdAt().toString());
            frame(socket.socket(), frame);
        }
    }

    static void frame(WebSocketSession socket, Map<String, Object> frame) {
        try {
            if (socket.isOpen()) {
                socket.sendMessage(new TextMessage(JSON.writeValueAsString(frame)));
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Web chat socket {} closed while sending: {}", socket.getId(), e.toString());
        }
    }

    @Override
    protected void failed(RuntimeException e) {
        log.warn("Web chat push failed: {}", e.toString());
    }
}
