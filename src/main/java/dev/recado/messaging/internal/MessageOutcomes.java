package dev.recado.messaging.internal;

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

    record Sent(long id, long senderId, List<String> providerIds) {
    }

    record Failure(long id, String status, String code, String text) {
    }

    private final JdbcTemplate template;
    private final DispatchQueue queue;

    MessageOutcomes(JdbcTemplate template, DispatchQueue queue) {
        this.template = template;
        this.queue = queue;
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
        queue.remove(moved);
        return moved;
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
        queue.remove(moved);
        return moved;
    }
}
