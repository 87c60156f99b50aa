package dev.recado.messaging.internal;

import dev.recado.common.Db;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The database as the dispatch queue (the port a broker adapter may replace): claim due messages
 * of one sender, and write what the provider answered. Every write is guarded by the status the
 * row must still have, so a late or repeated outcome changes nothing.
 */
@Repository
class DispatchStore {

    /** A claimed message, with what sending and accounting need. */
    record Claimed(long id, long workspaceId, Long contactId, Long campaignId, String to, String from, String body,
            String content, boolean smartEncoding, int segments, Instant validUntil, BigDecimal price, int attempts,
            String statusCallback) {

        /** What the adapter sends; the content is parsed here, on the dispatcher's thread, not in the claim. */
        dev.recado.messaging.spi.OutboundMessage outbound() {
            return new dev.recado.messaging.spi.OutboundMessage(id, dev.recado.common.PublicId.of("msg_", id), to,
                    from, body, smartEncoding, validUntil, true, MessageStore.content(content, body));
        }
    }

    record Sent(long id, long senderId, List<String> providerIds) {
    }

    record Retry(long id, Instant nextAttemptAt, String code, String text) {
    }

    record Failure(long id, String status, String code, String text) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final String lockClause;

    DispatchStore(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) throws SQLException {
        this.jdbc = jdbc;
        this.template = template;
        try (var c = dataSource.getConnection()) {
            // several nodes may claim from one queue on PostgreSQL. H2 runs one node, and its FOR UPDATE
            // reads and sorts every queued row of the sender before the limit (seconds at 100,000 rows);
            // without it, the guarded update below keeps a claim from taking a row changed meanwhile
            this.lockClause = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")
                    ? " for update skip locked" : "";
        }
    }

    /**
     * Due queued messages of one sender, most urgent first, moved to 'sending'. The order names the
     * index messages_claim column for column, equality columns included: H2 walks an index in order
     * (and stops at the limit) only when the ORDER BY starts with the index's first columns.
     */
    @Transactional
    List<Claimed> claim(long senderId, int limit, Instant now) {
        List<Claimed> candidates = jdbc.sql("""
                select """ + CLAIMED + """
                  from messages
                 where sender_id = :sender and status = 'queued' and next_attempt_at <= :now
                 order by sender_id, status, priority desc, id
                 limit :limit""" + lockClause)
                .param("sender", senderId).param("now", Db.ts(now)).param("limit", limit)
                .query((rs, n) -> claimed(rs, 1))
                .list();
        if (candidates.isEmpty()) {
            return candidates;
        }
        int[][] counts = template.batchUpdate("""
                update messages set status = 'sending', attempts = attempts + 1, updated_at = ?
                 where id = ? and status = 'queued'""", candidates, 500, (ps, c) -> {
            ps.setObject(1, Db.ts(now));
            ps.setLong(2, c.id());
        });
        // a row canceled or expired between the select and the update stays as it is
        List<Claimed> claimed = new ArrayList<>(candidates.size());
        int i = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                Claimed c = candidates.get(i++);
                if (count > 0) {
                    claimed.add(c);
                }
            }
        }
        return claimed;
    }

    /** Messages left in 'sending' by a process that died; resolved before the sender dispatches again. */
    List<Claimed> inFlight(long senderId) {
        return jdbc.sql("""
                select """ + CLAIMED + """
                  from messages where sender_id = :sender and status = 'sending' order by id""")
                .param("sender", senderId)
                .query((rs, n) -> claimed(rs, 0))
                .list();
    }

    /** Returns the ids actually moved to sent (a row no longer 'sending' is left alone). */
    List<Long> markSent(List<Sent> sent, Instant now) {
        var ts = Db.ts(now);
        int[][] counts = template.batchUpdate("""
                update messages set status = 'sent', sent_at = ?, updated_at = ?, settled = true, error_code = null,
                       error_text = null
                 where id = ? and status = 'sending'""", sent, 500, (ps, s) -> {
            ps.setObject(1, ts);
            ps.setObject(2, ts);
            ps.setLong(3, s.id());
        });
        List<Long> moved = new ArrayList<>();
        List<Object[]> parts = new ArrayList<>();
        int i = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                Sent s = sent.get(i++);
                if (count > 0) {
                    moved.add(s.id());
                    for (int p = 0; p < s.providerIds().size(); p++) {
                        parts.add(new Object[] {s.senderId(), s.providerIds().get(p), s.id(), p + 1, "sent"});
                    }
                }
            }
        }
        template.batchUpdate("insert into message_parts (sender_id, provider_id, message_id, part_no, status) values (?, ?, ?, ?, ?)",
                parts);
        return moved;
    }

    void retry(List<Retry> retries, Instant now) {
        template.batchUpdate("""
                update messages set status = 'queued', next_attempt_at = ?, error_code = ?, error_text = ?, updated_at = ?
                 where id = ? and status = 'sending'""", retries, 500, (ps, r) -> {
            ps.setObject(1, Db.ts(r.nextAttemptAt()));
            ps.setString(2, r.code());
            ps.setString(3, truncate(r.text()));
            ps.setObject(4, Db.ts(now));
            ps.setLong(5, r.id());
        });
    }

    /** Final failures before the provider took the message; returns the ids actually moved. */
    List<Long> fail(List<Failure> failures, Instant now) {
        var ts = Db.ts(now);
        int[][] counts = template.batchUpdate("""
                update messages set status = ?, error_code = ?, error_text = ?, final_at = ?, updated_at = ?
                 where id = ? and status in ('sending', 'queued', 'scheduled')""", failures, 500, (ps, f) -> {
            ps.setString(1, f.status());
            ps.setString(2, f.code());
            ps.setString(3, truncate(f.text()));
            ps.setObject(4, ts);
            ps.setObject(5, ts);
            ps.setLong(6, f.id());
        });
        List<Long> moved = new ArrayList<>();
        int i = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                long id = failures.get(i++).id();
                if (count > 0) {
                    moved.add(id);
                }
            }
        }
        return moved;
    }

    /** Scheduled messages whose time has come join the queue. */
    int promoteScheduled(Instant now) {
        return jdbc.sql("""
                update messages set status = 'queued', queued_at = :now, next_attempt_at = :now, updated_at = :now
                 where status = 'scheduled' and send_at <= :now""")
                .param("now", Db.ts(now)).update();
    }

    /** Queued messages past their validity; returned so their reservations can be released. */
    List<Claimed> dueToExpire(Instant now, int limit) {
        return jdbc.sql("""
                select """ + CLAIMED + """
                  from messages where status in ('queued', 'scheduled') and valid_until < :now limit :limit""")
                .param("now", Db.ts(now)).param("limit", limit)
                .query((rs, n) -> claimed(rs, 0))
                .list();
    }

    private static final String CLAIMED = " id, workspace_id, contact_id, campaign_id, to_address, from_address, body,"
            + " content, smart_encoding, segments, valid_until, price, attempts, status_callback ";

    /** {@code attemptsAdded}: a claim counts the attempt it is about to make. */
    private static Claimed claimed(java.sql.ResultSet rs, int attemptsAdded) throws SQLException {
        return new Claimed(rs.getLong("id"), rs.getLong("workspace_id"), Db.nullableLong(rs, "contact_id"),
                Db.nullableLong(rs, "campaign_id"), rs.getString("to_address"), rs.getString("from_address"),
                rs.getString("body"), rs.getString("content"), rs.getBoolean("smart_encoding"), rs.getInt("segments"),
                Db.instant(rs, "valid_until"), rs.getBigDecimal("price"), rs.getInt("attempts") + attemptsAdded,
                rs.getString("status_callback"));
    }

    private static String truncate(String text) {
        return text == null ? null : text.length() > 500 ? text.substring(0, 500) : text;
    }
}
