package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.common.IdBlocks;
import dev.recado.common.PostgresCopy;
import dev.recado.common.SetStatements;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code dispatch_queue} table beside the message log: one narrow row per message that waits
 * (scheduled), is queued or is being submitted. Claims read its claim index in claim order;
 * PostgreSQL locks candidates with {@code for update skip locked} so several nodes can claim from
 * one queue. The message's status is the truth: every write to a message is guarded by the status
 * it must still have, and a queue row whose message has moved on is dropped when a claim meets it.
 */
@Repository
class DatabaseDispatchQueue implements DispatchQueue {

    private static final String COLUMNS = "message_id, sender_id, state, priority, due_at, valid_until";
    private static final Duration QUIET = Duration.ofMinutes(10);
    private static final Duration MAX_HOLD = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final DataSource dataSource;
    private final boolean postgres;

    DatabaseDispatchQueue(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource, IdBlocks ids)
            throws SQLException {
        this.jdbc = jdbc;
        this.template = template;
        this.dataSource = dataSource;
        this.postgres = ids.postgres();
    }

    @Override
    public void add(Collection<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (postgres) {
            PostgresCopy.copy(dataSource, "dispatch_queue", COLUMNS, List.copyOf(entries), (e, row) -> row
                    .add(e.messageId()).add(e.senderId()).add(e.waiting() ? "waiting" : "queued").add(e.priority())
                    .add(e.dueAt()).add(e.validUntil()));
            return;
        }
        template.batchUpdate("insert into dispatch_queue (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?)",
                List.copyOf(entries), 1000, (ps, e) -> {
                    ps.setLong(1, e.messageId());
                    ps.setLong(2, e.senderId());
                    ps.setString(3, e.waiting() ? "waiting" : "queued");
                    ps.setInt(4, e.priority());
                    ps.setObject(5, Db.ts(e.dueAt()));
                    ps.setObject(6, Db.ts(e.validUntil()));
                });
    }

    @Override
    @Transactional
    public List<Claimed> claim(long senderId, int limit, Instant now) {
        return postgres ? claimSetBased(senderId, limit, now) : claimRowByRow(senderId, limit, now);
    }

    /**
     * Two statements for the whole claim: the queue rows move to 'sending' (locked first, skipping
     * rows another node is claiming), then their messages, whose new versions are returned. Measured
     * on PostgreSQL this visits each message row once instead of twice (a join, then the update).
     * The picked ids are an array, computed once: as {@code in (subquery)} or a join, the planner
     * trusts the queue table's statistics, always stale on a table this busy, and may walk every
     * queued row against the picked ones (one claim ran for minutes at 100 % CPU with 33,000 queued).
     */
    private List<Claimed> claimSetBased(long senderId, int limit, Instant now) {
        Map<Long, Integer> priorities = new HashMap<>();
        jdbc.sql("""
                update dispatch_queue set state = 'sending'
                 where state = 'queued' and message_id = any(array(
                       select message_id from dispatch_queue
                        where sender_id = :sender and state = 'queued' and due_at <= :now
                        order by sender_id, state, priority desc, message_id
                        limit :limit for update skip locked))
                returning message_id, priority""")
                .param("sender", senderId).param("now", Db.ts(now)).param("limit", limit)
                .query(rs -> {
                    priorities.put(rs.getLong(1), rs.getInt(2));
                });
        if (priorities.isEmpty()) {
            return List.of();
        }
        // a message canceled or failed between its queue row and this update stays as it is
        List<Claimed> claimed = new ArrayList<>(template.query("update messages m set status = 'sending', attempts = attempts + 1,"
                + " updated_at = ? where id = any(?) and status = 'queued' returning" + CLAIMED, ps -> {
                    ps.setObject(1, Db.ts(now));
                    ps.setArray(2, ps.getConnection().createArrayOf("bigint", priorities.keySet().toArray(Long[]::new)));
                }, (rs, n) -> claimed(rs, 0)));
        claimed.sort(Comparator.comparingInt((Claimed c) -> -priorities.get(c.id())).thenComparingLong(Claimed::id));
        Set<Long> gone = new HashSet<>(priorities.keySet());
        claimed.forEach(c -> gone.remove(c.id()));
        remove(gone);
        return claimed;
    }

    /** H2 runs one node: the guarded update keeps a claim from taking a row changed meanwhile. */
    private List<Claimed> claimRowByRow(long senderId, int limit, Instant now) {
        List<Claimed> candidates = jdbc.sql("select " + CLAIMED + """
                  from dispatch_queue q join messages m on m.id = q.message_id
                 where q.sender_id = :sender and q.state = 'queued' and q.due_at <= :now
                 order by q.sender_id, q.state, q.priority desc, q.message_id
                 limit :limit""")
                .param("sender", senderId).param("now", Db.ts(now)).param("limit", limit)
                .query((rs, n) -> claimed(rs, 1))
                .list();
        if (candidates.isEmpty()) {
            return candidates;
        }
        // a message canceled or failed between its queue row and this update stays as it is
        Set<Long> moved = new HashSet<>(Batches.changed(candidates.stream().map(Claimed::id).toList(),
                template.batchUpdate("""
                        update messages set status = 'sending', attempts = attempts + 1, updated_at = ?
                         where id = ? and status = 'queued'""", candidates, 500, (ps, c) -> {
                    ps.setObject(1, Db.ts(now));
                    ps.setLong(2, c.id());
                })));
        List<Claimed> claimed = new ArrayList<>(candidates.size());
        List<Long> gone = new ArrayList<>();
        for (Claimed c : candidates) {
            if (moved.contains(c.id())) {
                claimed.add(c);
            } else {
                gone.add(c.id());
            }
        }
        setState(claimed.stream().map(Claimed::id).toList(), "sending");
        removeStale(gone);
        return claimed;
    }

    @Override
    public List<Claimed> inFlight(long senderId) {
        return jdbc.sql("select " + CLAIMED + """
                  from dispatch_queue q join messages m on m.id = q.message_id
                 where q.sender_id = :sender and q.state = 'sending' and m.status = 'sending' order by m.id""")
                .param("sender", senderId)
                .query((rs, n) -> claimed(rs, 0))
                .list();
    }

    /** One transaction: a message queued again with its queue row still 'sending' is found by no claim and no reconciliation. */
    @Override
    @Transactional
    public void retry(List<Retry> retries, Instant now) {
        requeue(retries, now, 0);
    }

    @Override
    @Transactional
    public void putBack(List<Retry> held, Instant now) {
        requeue(held, now, 1);
    }

    /** {@code uncounted}: 1 takes back the attempt the claim counted, for a message never submitted. */
    private void requeue(List<Retry> retries, Instant now, int uncounted) {
        int[][] counts = template.batchUpdate("""
                update messages set status = 'queued', next_attempt_at = ?, error_code = coalesce(?, error_code),
                       error_text = coalesce(?, error_text), updated_at = ?,
                       attempts = attempts - ?
                 where id = ? and status = 'sending'""", retries, 500, (ps, r) -> {
            ps.setObject(1, Db.ts(r.nextAttemptAt()));
            ps.setString(2, r.code());
            ps.setString(3, truncate(r.text()));
            ps.setObject(4, Db.ts(now));
            ps.setInt(5, uncounted);
            ps.setLong(6, r.id());
        });
        List<Retry> moved = new ArrayList<>();
        int i = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                Retry r = retries.get(i++);
                if (count > 0) {
                    moved.add(r);
                }
            }
        }
        template.batchUpdate("update dispatch_queue set state = 'queued', due_at = ? where message_id = ?", moved, 500,
                (ps, r) -> {
                    ps.setObject(1, Db.ts(r.nextAttemptAt()));
                    ps.setLong(2, r.id());
                });
    }

    /**
     * One row per (sender, recipient), written under its lock: a refusal while the hold is still on
     * (a message that was already on its way) waits for the same time, and only a refusal after it
     * ended doubles the wait.
     */
    @Override
    public Instant hold(long senderId, String to, Duration base, Instant now) {
        jdbc.sql("""
                insert into recipient_holds (sender_id, recipient, until, strikes) values (:s, :r, :ended, 0)
                on conflict do nothing""")
                // long ended, not 'now': a database that rounds to microseconds could make 'now' still on
                .param("s", senderId).param("r", to).param("ended", Db.ts(now.minus(QUIET).minus(QUIET))).update();
        var current = jdbc.sql("select until, strikes from recipient_holds where sender_id = :s and recipient = :r for update")
                .param("s", senderId).param("r", to)
                .query((rs, n) -> new Object[] {rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), rs.getInt(2)})
                .single();
        Instant until = (Instant) current[0];
        int strikes = (Integer) current[1];
        if (until.isAfter(now)) {
            return until;
        }
        // a recipient quiet for a while starts over
        int next = until.isBefore(now.minus(QUIET)) ? 1 : strikes + 1;
        Instant newUntil = now.plus(Duration.ofMillis(Math.min(MAX_HOLD.toMillis(), base.toMillis() << Math.min(next - 1, 12))));
        jdbc.sql("update recipient_holds set until = :until, strikes = :strikes where sender_id = :s and recipient = :r")
                .param("until", Db.ts(newUntil)).param("strikes", next).param("s", senderId).param("r", to).update();
        return newUntil;
    }

    @Override
    public Map<String, Instant> holds(long senderId, Instant now) {
        Map<String, Instant> holds = new HashMap<>();
        jdbc.sql("select recipient, until from recipient_holds where sender_id = :s and until > :now")
                .param("s", senderId).param("now", Db.ts(now))
                .query(rs -> {
                    holds.put(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
                });
        return holds;
    }

    @Override
    @Transactional
    public int promoteScheduled(Instant now) {
        List<Long> due = jdbc.sql("""
                select message_id from dispatch_queue where state = 'waiting' and due_at <= :now
                 order by due_at fetch first 5000 rows only""")
                .param("now", Db.ts(now)).query(Long.class).list();
        if (due.isEmpty()) {
            return 0;
        }
        int promoted = 0;
        for (List<Long> chunk : chunks(due)) {
            promoted += jdbc.sql("""
                    update messages set status = 'queued', queued_at = :now, next_attempt_at = :now, updated_at = :now
                     where id = any(:ids) and status = 'scheduled'""")
                    .param("now", Db.ts(now)).param("ids", SetStatements.bigints(chunk)).update();
            jdbc.sql("update dispatch_queue set state = 'queued', due_at = :now where message_id = any(:ids) and state = 'waiting'")
                    .param("now", Db.ts(now)).param("ids", SetStatements.bigints(chunk)).update();
        }
        return promoted;
    }

    @Override
    public List<Claimed> dueToExpire(Instant now, int limit) {
        return jdbc.sql("select " + CLAIMED + """
                  from dispatch_queue q join messages m on m.id = q.message_id
                 where q.valid_until < :now and q.state in ('waiting', 'queued') limit :limit""")
                .param("now", Db.ts(now)).param("limit", limit)
                .query((rs, n) -> claimed(rs, 0))
                .list();
    }

    @Override
    public void remove(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        if (postgres) {
            SetStatements.update(template, "delete from dispatch_queue where message_id = any(?)",
                    (Object) messageIds.toArray(Long[]::new));
            return;
        }
        for (List<Long> chunk : chunks(List.copyOf(messageIds))) {
            jdbc.sql("delete from dispatch_queue where message_id in (:ids)").param("ids", chunk).update();
        }
    }

    @Override
    public int moveAll(long fromSender, long toSender, Instant now) {
        int moved = jdbc.sql("""
                update messages set sender_id = :to, updated_at = :now
                 where id in (select message_id from dispatch_queue where sender_id = :from and state in ('waiting', 'queued'))
                   and status in ('queued', 'scheduled')""")
                .param("to", toSender).param("from", fromSender).param("now", Db.ts(now)).update();
        jdbc.sql("update dispatch_queue set sender_id = :to where sender_id = :from and state in ('waiting', 'queued')")
                .param("to", toSender).param("from", fromSender).update();
        return moved;
    }

    @Override
    public List<Claimed> waitingOrQueued(long senderId, int limit) {
        return jdbc.sql("select " + CLAIMED + """
                  from dispatch_queue q join messages m on m.id = q.message_id
                 where q.sender_id = :sender and q.state in ('waiting', 'queued') order by q.message_id limit :limit""")
                .param("sender", senderId).param("limit", limit)
                .query((rs, n) -> claimed(rs, 0))
                .list();
    }

    /**
     * Drops the queue rows, still queued, of messages a claim found no longer queued. Another claim
     * on H2 (which has no skip locked) may have taken the message meanwhile: its row is then
     * 'sending', the only trace a restart's reconciliation finds it by, and must stay.
     */
    private void removeStale(List<Long> messageIds) {
        for (List<Long> chunk : chunks(messageIds)) {
            jdbc.sql("delete from dispatch_queue where message_id in (:ids) and state = 'queued'").param("ids", chunk).update();
        }
    }

    private void setState(List<Long> messageIds, String state) {
        for (List<Long> chunk : chunks(messageIds)) {
            jdbc.sql("update dispatch_queue set state = :state where message_id in (:ids)")
                    .param("state", state).param("ids", chunk).update();
        }
    }

    private static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 1_000) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + 1_000)));
        }
        return chunks;
    }

    private static final String CLAIMED = " m.id, m.workspace_id, m.contact_id, m.campaign_id, m.to_address,"
            + " m.from_address, m.body, m.content, m.smart_encoding, m.segments, m.valid_until, m.price, m.attempts,"
            + " m.status_callback, m.purpose, m.channel, m.continues_route ";

    /** {@code attemptsAdded}: a claim counts the attempt it is about to make. */
    static Claimed claimed(java.sql.ResultSet rs, int attemptsAdded) throws SQLException {
        return new Claimed(rs.getLong("id"), rs.getLong("workspace_id"), Db.nullableLong(rs, "contact_id"),
                Db.nullableLong(rs, "campaign_id"), rs.getString("to_address"), rs.getString("from_address"),
                rs.getString("body"), rs.getString("content"), rs.getBoolean("smart_encoding"), rs.getInt("segments"),
                Db.instant(rs, "valid_until"), rs.getBigDecimal("price"), rs.getInt("attempts") + attemptsAdded,
                rs.getString("status_callback"), rs.getString("purpose"), rs.getString("channel"),
                Db.nullableLong(rs, "continues_route"));
    }

    static String truncate(String text) {
        return text == null ? null : text.length() > 500 ? text.substring(0, 500) : text;
    }
}
