package dev.recado.messaging.internal;

import dev.recado.common.IdBlocks;
import dev.recado.common.SetStatements;

import dev.recado.common.Db;
import dev.recado.messaging.spi.ProviderReceipt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Parts acknowledged by providers, and receipts that arrived before their part was recorded. */
@Repository
class ReceiptStore {

    /** {@code parts}: how many parts its message has, null when recorded before that was kept. */
    record Part(String providerId, long messageId, int partNo, Integer parts) {

        boolean onlyPart() {
            return parts != null && parts == 1;
        }
    }

    record Early(long senderId, ProviderReceipt receipt) {
    }

    /** What announcing a message's new status needs. */
    record MessageRef(long id, long workspaceId, Long contactId, Long campaignId, String to, String statusCallback,
            String status, String channel) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final boolean postgres;

    ReceiptStore(JdbcClient jdbc, JdbcTemplate template, IdBlocks ids) {
        this.jdbc = jdbc;
        this.template = template;
        this.postgres = ids.postgres();
    }

    /**
     * The recorded parts among these provider ids. The ids are joined as a VALUES list so that H2
     * looks each one up in the primary key (sender_id, provider_id): given {@code provider_id in
     * (...)} it read every part of the sender instead, and receipts slowed as the table grew.
     */
    Map<String, Part> parts(long senderId, Collection<String> providerIds) {
        Map<String, Part> parts = new HashMap<>();
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(providerIds));
        if (postgres) {
            template.query("select provider_id, message_id, part_no, parts from message_parts where sender_id = ? and provider_id = any(?)",
                    ps -> {
                        ps.setLong(1, senderId);
                        ps.setArray(2, ps.getConnection().createArrayOf("text", ids.toArray(String[]::new)));
                    }, rs -> {
                        parts.put(rs.getString(1), part(rs));
                    });
            return parts;
        }
        for (int from = 0; from < ids.size(); from += 1_000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1_000));
            List<Object> args = new ArrayList<>(chunk);
            args.add(senderId);
            template.query("select p.provider_id, p.message_id, p.part_no, p.parts from (values "
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?)"))
                    + ") v(id) join message_parts p on p.provider_id = v.id and p.sender_id = ?", rs -> {
                        parts.put(rs.getString(1), part(rs));
                    }, args.toArray());
        }
        return parts;
    }

    private static Part part(java.sql.ResultSet rs) throws java.sql.SQLException {
        int count = rs.getInt(4);
        return new Part(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.wasNull() ? null : count);
    }

    void updateParts(long senderId, List<Object[]> statusCodeProvider) {
        if (postgres) {
            if (!statusCodeProvider.isEmpty()) {
                SetStatements.update(template, """
                        update message_parts p set status = v.status, error_code = v.code
                          from unnest(?, ?, ?) v(status, code, provider_id)
                         where p.sender_id = ? and p.provider_id = v.provider_id""",
                        statusCodeProvider.stream().map(r -> (String) r[0]).toArray(String[]::new),
                        statusCodeProvider.stream().map(r -> (String) r[1]).toArray(String[]::new),
                        statusCodeProvider.stream().map(r -> (String) r[2]).toArray(String[]::new), senderId);
            }
            return;
        }
        template.batchUpdate("update message_parts set status = ?, error_code = ? where sender_id = " + senderId
                + " and provider_id = ?", statusCodeProvider);
    }

    Map<Long, List<String>> partStatuses(Collection<Long> messageIds) {
        Map<Long, List<String>> statuses = new HashMap<>();
        if (messageIds.isEmpty()) {
            return statuses;
        }
        jdbc.sql("select message_id, status from message_parts where message_id = any(:ids)")
                .param("ids", SetStatements.bigints(messageIds))
                .query(rs -> {
                    statuses.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return statuses;
    }

    Map<Long, MessageRef> refs(Collection<Long> messageIds) {
        Map<Long, MessageRef> refs = new HashMap<>();
        if (messageIds.isEmpty()) {
            return refs;
        }
        jdbc.sql("""
                select id, workspace_id, contact_id, campaign_id, to_address, status_callback, status, segments, channel
                  from messages where id = any(:ids)""")
                .param("ids", SetStatements.bigints(messageIds))
                .query(rs -> {
                    refs.put(rs.getLong("id"), new MessageRef(rs.getLong("id"), rs.getLong("workspace_id"),
                            Db.nullableLong(rs, "contact_id"), Db.nullableLong(rs, "campaign_id"),
                            rs.getString("to_address"), rs.getString("status_callback"), rs.getString("status"),
                            rs.getString("channel")));
                });
        return refs;
    }

    /**
     * Delivery only moves forward: delivered from sending or sent, read from any of those. Receipt
     * dates often have minute precision, so a time before the submit is taken as the submit time.
     */
    /** The common case in one batch: returns the ids that moved to delivered. */
    List<Long> deliveredAll(Map<Long, Instant> atById, Instant now) {
        List<Map.Entry<Long, Instant>> rows = new ArrayList<>(atById.entrySet());
        if (postgres) {
            return SetStatements.returningIds(template, """
                    update messages m set status = 'delivered',
                           delivered_at = case when m.sent_at is not null and m.sent_at > v.at then m.sent_at else v.at end,
                           updated_at = ?
                      from unnest(?, ?) v(id, at)
                     where m.id = v.id and m.status in ('sending', 'sent') returning m.id""", Db.ts(now),
                    rows.stream().map(Map.Entry::getKey).toArray(Long[]::new),
                    rows.stream().map(e -> Db.ts(e.getValue())).toArray(java.time.OffsetDateTime[]::new));
        }
        int[][] counts = template.batchUpdate("""
                update messages set status = 'delivered',
                       delivered_at = case when sent_at is not null and sent_at > ? then sent_at else ? end,
                       updated_at = ?
                 where id = ? and status in ('sending', 'sent')""", rows, 1000, (ps, e) -> {
            ps.setObject(1, Db.ts(e.getValue()));
            ps.setObject(2, Db.ts(e.getValue()));
            ps.setObject(3, Db.ts(now));
            ps.setLong(4, e.getKey());
        });
        List<Long> moved = new ArrayList<>();
        int i = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                long id = rows.get(i++).getKey();
                if (count > 0) {
                    moved.add(id);
                }
            }
        }
        return moved;
    }

    int read(long id, Instant at, Instant now) {
        return jdbc.sql("""
                update messages set status = 'read',
                       read_at = case when sent_at is not null and sent_at > :at then sent_at else :at end,
                       delivered_at = coalesce(delivered_at, case when sent_at is not null and sent_at > :at then sent_at else :at end),
                       final_at = case when sent_at is not null and sent_at > :at then sent_at else :at end, updated_at = :now
                 where id = :id and status in ('sending', 'sent', 'delivered')""")
                .param("at", Db.ts(at)).param("now", Db.ts(now)).param("id", id).update();
    }

    int undelivered(long id, String code, String text, Instant at, Instant now) {
        return jdbc.sql("""
                update messages set status = 'undelivered', error_code = :code, error_text = :text,
                       final_at = case when sent_at is not null and sent_at > :at then sent_at else :at end,
                       updated_at = :now
                 where id = :id and status in ('sending', 'sent')""")
                .param("code", code).param("text", text).param("at", Db.ts(at)).param("now", Db.ts(now))
                .param("id", id).update();
    }

    void saveEarly(List<Early> early, Instant now) {
        for (Early e : early) {
            jdbc.sql("delete from early_receipts where sender_id = :s and provider_id = :p")
                    .param("s", e.senderId()).param("p", e.receipt().providerId()).update();
        }
        template.batchUpdate("""
                insert into early_receipts (sender_id, provider_id, state, error_code, error_text, done_at, received_at)
                values (?, ?, ?, ?, ?, ?, ?)""", early, 500, (ps, e) -> {
            ps.setLong(1, e.senderId());
            ps.setString(2, e.receipt().providerId());
            ps.setString(3, e.receipt().state().name());
            ps.setString(4, e.receipt().errorCode());
            ps.setString(5, e.receipt().errorText());
            ps.setObject(6, Db.ts(e.receipt().doneAt()));
            ps.setObject(7, Db.ts(now));
        });
    }

    /** Early receipts whose part has been recorded since, grouped by sender. */
    Map<Long, List<String>> earlyWithParts(int limit) {
        Map<Long, List<String>> found = new HashMap<>();
        jdbc.sql("""
                select e.sender_id, e.provider_id from early_receipts e
                  join message_parts p on p.sender_id = e.sender_id and p.provider_id = e.provider_id
                 limit :limit""")
                .param("limit", limit)
                .query(rs -> {
                    found.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return found;
    }

    /** Takes the early receipts of these parts out of the waiting room. */
    List<Early> takeEarly(long senderId, Collection<String> providerIds) {
        if (providerIds.isEmpty()) {
            return List.of();
        }
        List<Early> found = jdbc.sql("""
                select provider_id, state, error_code, error_text, done_at from early_receipts
                 where sender_id = :s and provider_id = any(:ids)""")
                .param("s", senderId).param("ids", SetStatements.texts(providerIds))
                .query((rs, n) -> new Early(senderId, new ProviderReceipt(rs.getString(1),
                        ProviderReceipt.ReceiptState.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        Db.instant(rs, "done_at"))))
                .list();
        if (!found.isEmpty()) {
            jdbc.sql("delete from early_receipts where sender_id = :s and provider_id = any(:ids)")
                    .param("s", senderId)
                    .param("ids", SetStatements.texts(found.stream().map(e -> e.receipt().providerId()).toList()))
                    .update();
        }
        return found;
    }
}
