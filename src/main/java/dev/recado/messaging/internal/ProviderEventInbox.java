package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.common.IdBlocks;
import dev.recado.common.SetStatements;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code provider_events} table: verified provider webhooks stored raw, once per event key, and
 * claimed for processing through a lease on the row, so several nodes share the work and an event a
 * dead node held is taken again when its lease lapses (see {@link #claim} for how a pass leases its
 * events); processing must be idempotent, since an event can be processed twice after a crash.
 */
@Component
class ProviderEventInbox {

    record Event(long id, String provider, long senderId, String body, int attempts) {
    }

    static final Duration LEASE = Duration.ofMinutes(2);
    static final int MAX_ATTEMPTS = 10;

    private final JdbcClient jdbc;
    private final boolean postgres;

    ProviderEventInbox(JdbcClient jdbc, IdBlocks ids) {
        this.jdbc = jdbc;
        this.postgres = ids.postgres();
    }

    /** A verified webhook to store. */
    record Arrived(String provider, long senderId, String key, String body) {
    }

    /**
     * Stores the events, in one statement on PostgreSQL; answers, in their order, whether each was new
     * (false for an event stored before, a redelivery, and for a repeat of one earlier in the list).
     */
    List<Boolean> store(List<Arrived> events, Instant now) {
        if (!postgres) {
            return events.stream().map(e -> jdbc.sql("""
                    insert into provider_events (provider, sender_id, event_key, body, received_at, next_attempt_at)
                    values (:provider, :sender, :key, :body, :now, :now) on conflict do nothing""")
                    .param("provider", e.provider()).param("sender", e.senderId()).param("key", e.key())
                    .param("body", e.body()).param("now", Db.ts(now)).update() == 1).toList();
        }
        Set<List<Object>> inserted = new HashSet<>(jdbc.sql("""
                insert into provider_events (provider, sender_id, event_key, body, received_at, next_attempt_at)
                select v.provider, v.sender_id, v.event_key, v.body, :now, :now
                  from unnest(:providers, :senders, :keys, :bodies) v(provider, sender_id, event_key, body)
                on conflict do nothing
                returning provider, sender_id, event_key""")
                .param("providers", SetStatements.texts(events.stream().map(Arrived::provider).toList()))
                .param("senders", SetStatements.bigints(events.stream().map(Arrived::senderId).toList()))
                .param("keys", SetStatements.texts(events.stream().map(Arrived::key).toList()))
                .param("bodies", SetStatements.texts(events.stream().map(Arrived::body).toList()))
                .param("now", Db.ts(now))
                .query((rs, n) -> List.<Object>of(rs.getString(1), rs.getLong(2), rs.getString(3))).list());
        return events.stream().map(e -> inserted.remove(List.<Object>of(e.provider(), e.senderId(), e.key()))).toList();
    }

    /**
     * Up to {@code limit} due events leased to {@code node}. On PostgreSQL one statement leases them
     * all, skipping rows another node is leasing: Meta often posts one status a request, so an event is
     * one status, and per-row claims cost three statements and two commits each. Elsewhere each row is
     * leased by its own guarded update.
     */
    List<Event> claim(String node, Instant now, int limit) {
        if (postgres) {
            return jdbc.sql("""
                    update provider_events set claimed_by = :node, claimed_until = :until, attempts = attempts + 1
                     where id = any(array(
                           select id from provider_events
                            where processed_at is null and next_attempt_at <= :now
                              and (claimed_until is null or claimed_until < :now)
                            order by id limit :limit for update skip locked))
                    returning id, provider, sender_id, body, attempts""")
                    .param("node", node).param("until", Db.ts(now.plus(LEASE))).param("now", Db.ts(now))
                    .param("limit", limit)
                    .query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5)))
                    .list().stream().sorted(java.util.Comparator.comparingLong(Event::id)).toList();
        }
        List<Long> due = jdbc.sql("""
                select id from provider_events
                 where processed_at is null and next_attempt_at <= :now
                   and (claimed_until is null or claimed_until < :now)
                 order by id limit :limit""")
                .param("now", Db.ts(now)).param("limit", limit).query(Long.class).list();
        List<Event> mine = new ArrayList<>();
        for (long id : due) {
            int won = jdbc.sql("""
                    update provider_events set claimed_by = :node, claimed_until = :until, attempts = attempts + 1
                     where id = :id and processed_at is null and (claimed_until is null or claimed_until < :now)""")
                    .param("node", node).param("until", Db.ts(now.plus(LEASE))).param("id", id).param("now", Db.ts(now))
                    .update();
            if (won == 1) {
                jdbc.sql("select id, provider, sender_id, body, attempts from provider_events where id = :id")
                        .param("id", id)
                        .query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                                rs.getInt(5)))
                        .optional().ifPresent(mine::add);
            }
        }
        return mine;
    }

    /** Marks these events done, in one statement; only those this node still holds. */
    void processed(List<Long> ids, String node, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                update provider_events set processed_at = :now, claimed_until = null, last_error = null
                 where id = any(:ids) and claimed_by = :node""")
                .param("now", Db.ts(now)).param("ids", SetStatements.bigints(ids)).param("node", node).update();
    }

    /** Tried again later with a growing delay; after {@link #MAX_ATTEMPTS} it is set aside with its error. */
    void failed(Event event, String node, String error, Instant now) {
        boolean giveUp = event.attempts() >= MAX_ATTEMPTS;
        Duration delay = Duration.ofSeconds(Math.min(3600, 1L << Math.min(event.attempts(), 12)));
        jdbc.sql("""
                update provider_events set claimed_until = null, next_attempt_at = :next, last_error = :error,
                       processed_at = :done
                 where id = :id and claimed_by = :node""")
                .param("next", Db.ts(now.plus(delay))).param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("done", giveUp ? Db.ts(now) : null).param("id", event.id()).param("node", node).update();
    }

    int prune(Instant before) {
        return jdbc.sql("delete from provider_events where processed_at < :before")
                .param("before", Db.ts(before)).update();
    }
}
