package dev.recado.messaging.internal;

import dev.recado.common.Db;
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
 * The messages table as the dispatch queue. Claims read the {@code messages_claim} index in claim
 * order; PostgreSQL locks candidates with {@code for update skip locked} so several nodes can claim
 * from one queue; every write is guarded by the status the row must still have.
 */
@Repository
class DatabaseDispatchQueue implements DispatchQueue {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final String lockClause;

    DatabaseDispatchQueue(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) throws SQLException {
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

    @Override
    @Transactional
    public List<Claimed> claim(long senderId, int limit, Instant now) {
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

    @Override
    public List<Claimed> inFlight(long senderId) {
        return jdbc.sql("""
                select """ + CLAIMED + """
                  from messages where sender_id = :sender and status = 'sending' order by id""")
                .param("sender", senderId)
                .query((rs, n) -> claimed(rs, 0))
                .list();
    }

    @Override
    public void retry(List<Retry> retries, Instant now) {
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

    @Override
    public int promoteScheduled(Instant now) {
        return jdbc.sql("""
                update messages set status = 'queued', queued_at = :now, next_attempt_at = :now, updated_at = :now
                 where status = 'scheduled' and send_at <= :now""")
                .param("now", Db.ts(now)).update();
    }

    @Override
    public List<Claimed> dueToExpire(Instant now, int limit) {
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
    static Claimed claimed(java.sql.ResultSet rs, int attemptsAdded) throws SQLException {
        return new Claimed(rs.getLong("id"), rs.getLong("workspace_id"), Db.nullableLong(rs, "contact_id"),
                Db.nullableLong(rs, "campaign_id"), rs.getString("to_address"), rs.getString("from_address"),
                rs.getString("body"), rs.getString("content"), rs.getBoolean("smart_encoding"), rs.getInt("segments"),
                Db.instant(rs, "valid_until"), rs.getBigDecimal("price"), rs.getInt("attempts") + attemptsAdded,
                rs.getString("status_callback"));
    }

    static String truncate(String text) {
        return text == null ? null : text.length() > 500 ? text.substring(0, 500) : text;
    }
}
