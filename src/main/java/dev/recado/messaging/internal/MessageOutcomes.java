package dev.recado.messaging.internal;

import dev.recado.common.IdBlocks;
import dev.recado.common.PostgresCopy;
import dev.recado.common.SetStatements;
import java.util.HashSet;
import java.util.Set;

import dev.recado.common.Db;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The message log's side of dispatch: what the provider answered, written in batches. Each update
 * is guarded by the status the row must still have, so a late or repeated outcome changes nothing.
 */
@Repository
class MessageOutcomes {

    /** {@code settle}: charged now; false for a provider that charges when the message is delivered. */
    record Sent(long id, long senderId, List<String> providerIds, boolean settle) {
    }

    record Failure(long id, String status, String code, String text) {
    }

    private final JdbcTemplate template;
    private final DispatchQueue queue;
    private final boolean postgres;

    MessageOutcomes(JdbcTemplate template, DispatchQueue queue, IdBlocks ids) {
        this.template = template;
        this.queue = queue;
        this.postgres = ids.postgres();
    }

    /** Returns the ids actually moved to sent (a row no longer 'sending' is left alone). */
    List<Long> markSent(List<Sent> sent, Instant now) {
        var ts = Db.ts(now);
        List<Long> moved = postgres
                ? SetStatements.returningIds(template, """
                        update messages set status = 'sent', sent_at = ?, updated_at = ?, settled = not (id = any(?)),
                               error_code = null, error_text = null
                         where id = any(?) and status = 'sending' returning id""", ts, ts,
                        sent.stream().filter(s -> !s.settle()).map(Sent::id).toArray(Long[]::new),
                        sent.stream().map(Sent::id).toArray(Long[]::new))
                : Batches.changed(sent.stream().map(Sent::id).toList(), template.batchUpdate("""
                        update messages set status = 'sent', sent_at = ?, updated_at = ?, settled = ?,
                               error_code = null, error_text = null
                         where id = ? and status = 'sending'""", sent, 500, (ps, s) -> {
                    ps.setObject(1, ts);
                    ps.setObject(2, ts);
                    ps.setBoolean(3, s.settle());
                    ps.setLong(4, s.id());
                }));
        Set<Long> movedIds = new HashSet<>(moved);
        List<Object[]> parts = new ArrayList<>();
        List<Long> inOrder = new ArrayList<>(moved.size());
        for (Sent s : sent) {
            if (movedIds.contains(s.id())) {
                inOrder.add(s.id());
                for (int p = 0; p < s.providerIds().size(); p++) {
                    parts.add(new Object[] {s.senderId(), s.providerIds().get(p), s.id(), p + 1, "sent", s.providerIds().size()});
                }
            }
        }
        if (postgres) {
            PostgresCopy.copy(template.getDataSource(), "message_parts", "sender_id, provider_id, message_id, part_no, status, parts",
                    parts, (part, row) -> {
                        for (Object value : part) {
                            row.add(value);
                        }
                    });
        } else {
            template.batchUpdate("insert into message_parts (sender_id, provider_id, message_id, part_no, status, parts) values (?, ?, ?, ?, ?, ?)",
                    parts);
        }
        queue.remove(inOrder);
        return inOrder;
    }

    /** Final failures before the provider took the message; returns the ids actually moved. */
    List<Long> fail(List<Failure> failures, Instant now) {
        var ts = Db.ts(now);
        int[][] counts = template.batchUpdate("""
                update messages set status = ?, error_code = ?, error_text = ?, final_at = ?, updated_at = ?
                 where id = ? and status in ('sending', 'queued', 'scheduled')""", failures, 500, (ps, f) -> {
            ps.setString(1, f.status());
            ps.setString(2, f.code());
            ps.setString(3, DatabaseDispatchQueue.truncate(f.text()));
            ps.setObject(4, ts);
            ps.setObject(5, ts);
            ps.setLong(6, f.id());
        });
        List<Long> moved = Batches.changed(failures.stream().map(Failure::id).toList(), counts);
        queue.remove(moved);
        return moved;
    }
}
