package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.common.Redacted;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook subscriptions and the outbox of deliveries. A delivery row is written in the same
 * transaction as the change it reports, so a committed change is always announced and a rolled
 * back one never is.
 */
@Component
class WebhookOutbox {

    record Subscription(long id, long workspaceId, String url, List<String> events, String secret, Instant createdAt) {

        /** Never the secrets: a record's own toString would print them into any log line. */
        @Override
        public String toString() {
            return Redacted.toString(this);
        }
    }

    /** One event to announce: to the workspace's subscribers of its type and to an optional callback URL. */
    record Event(long workspaceId, String type, Map<String, Object> data, String callbackUrl) {
    }

    private static final Duration CACHE = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;
    private final Map<Long, CachedSubscriptions> cache = new ConcurrentHashMap<>();

    private record CachedSubscriptions(List<Subscription> subscriptions, Instant loadedAt) {
    }

    private final dev.recado.common.SecretBox secrets;

    WebhookOutbox(JdbcClient jdbc, JdbcTemplate template, Clock clock, dev.recado.common.SecretBox secrets) {
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.template = template;
        this.clock = clock;
    }

    Subscription subscribe(long workspaceId, String url, List<String> events) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = "whsec_" + HexFormat.of().formatHex(bytes);
        var keys = new GeneratedKeyHolder();
        Instant now = clock.instant();
        jdbc.sql("insert into webhooks (workspace_id, url, events, secret, created_at) values (:ws, :url, :events, :secret, :now)")
                .param("ws", workspaceId).param("url", url).param("events", String.join(",", events))
                .param("secret", secrets.seal(secret)).param("now", Db.ts(now)).update(keys, "id");
        cache.remove(workspaceId);
        return new Subscription(keys.getKey().longValue(), workspaceId, url, events, secret, now);
    }

    List<Subscription> subscriptions(long workspaceId) {
        return jdbc.sql("select * from webhooks where workspace_id = :ws and deleted_at is null order by id")
                .param("ws", workspaceId)
                .query((rs, n) -> new Subscription(rs.getLong("id"), rs.getLong("workspace_id"), rs.getString("url"),
                        List.of(rs.getString("events").split(",")), secrets.open(rs.getString("secret")),
                        Db.instant(rs, "created_at")))
                .list();
    }

    /** Deletes the subscription and cancels what it still had to deliver; false when there was none. */
    @Transactional
    boolean unsubscribe(long workspaceId, long id) {
        cache.remove(workspaceId);
        var now = Db.ts(clock.instant());
        if (jdbc.sql("update webhooks set deleted_at = :now where workspace_id = :ws and id = :id and deleted_at is null")
                .param("now", now).param("ws", workspaceId).param("id", id).update() != 1) {
            return false;
        }
        jdbc.sql("""
                update webhook_deliveries set status = 'canceled', last_error = 'the subscription was deleted'
                 where workspace_id = :ws and webhook_id = :id and status = 'pending'""")
                .param("ws", workspaceId).param("id", id).update();
        return true;
    }

    /** Writes the deliveries for these events; call inside the transaction of the change. */
    void enqueue(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Object[]> rows = new ArrayList<>();
        for (Event e : events) {
            String payload = null;
            for (Subscription s : cached(e.workspaceId())) {
                if (s.events().contains(e.type()) || s.events().contains(prefixOf(e.type()) + ".*")) {
                    payload = payload == null ? payload(e, now) : payload;
                    // the secret stays on the subscription; the deliverer reads it from there
                    rows.add(new Object[] {e.workspaceId(), s.id(), s.url(), null, e.type(), payload, Db.ts(now),
                        Db.ts(now)});
                }
            }
            if (e.callbackUrl() != null) {
                payload = payload == null ? payload(e, now) : payload;
                rows.add(new Object[] {e.workspaceId(), null, e.callbackUrl(), null, e.type(), payload, Db.ts(now),
                    Db.ts(now)});
            }
        }
        template.batchUpdate("""
                insert into webhook_deliveries (workspace_id, webhook_id, url, secret, event_type, payload, status,
                                                next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?, 'pending', ?, ?)""", rows);
    }

    boolean hasListeners(long workspaceId) {
        return !cached(workspaceId).isEmpty();
    }

    private List<Subscription> cached(long workspaceId) {
        Instant now = clock.instant();
        var entry = cache.get(workspaceId);
        if (entry == null || entry.loadedAt().plus(CACHE).isBefore(now)) {
            entry = new CachedSubscriptions(subscriptions(workspaceId), now);
            cache.put(workspaceId, entry);
        }
        return entry.subscriptions();
    }

    private static String prefixOf(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    private static String payload(Event e, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", e.type());
        body.put("created_at", now.toString());
        body.put("data", e.data());
        return MessageStore.JSON.writeValueAsString(body);
    }
}
