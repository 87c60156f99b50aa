package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.MessageVolume;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The message log summed for reports; reads through messages_workspace_created. */
@Repository
public class MessageReportQueries {

    /** Quarter hours since the epoch: the same expression on H2 and PostgreSQL. */
    private static final String QUARTER = "floor(extract(epoch from created_at) / 900)";

    private final JdbcClient jdbc;

    MessageReportQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<MessageVolume> volume(long workspaceId, Instant from, Instant to) {
        return jdbc.sql("""
                -- name: message-volume
                select %1$s as quarter, channel, direction, status, count(*) as n
                  from messages
                 where workspace_id = :ws and created_at >= :from and created_at < :to
                 group by %1$s, channel, direction, status
                """.formatted(QUARTER))
                .param("ws", workspaceId).param("from", Db.ts(from)).param("to", Db.ts(to))
                .query((rs, n) -> new MessageVolume(Instant.ofEpochSecond(rs.getLong("quarter") * 900),
                        rs.getString("channel"), rs.getString("direction"),
                        MessageStatus.wire(rs.getString("status")),
                        rs.getLong("n")))
                .list();
    }

    /** Counts of message_feedback by {@code column} (campaign_id or sender_id, both indexed with kind). */
    public java.util.Map<Long, dev.recado.messaging.FeedbackCounts> feedback(long workspaceId, String column,
            java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        if (!column.equals("campaign_id") && !column.equals("sender_id")) {
            throw new IllegalArgumentException(column);
        }
        java.util.Map<Long, long[]> counts = new java.util.HashMap<>();
        jdbc.sql("""
                -- name: message-feedback
                select %1$s as owner, kind, count(*) as n from message_feedback
                 where %1$s in (:ids) and workspace_id = :ws
                 group by %1$s, kind""".formatted(column))
                .param("ids", java.util.List.copyOf(new java.util.HashSet<>(ids))).param("ws", workspaceId)
                .query(rs -> {
                    long[] c = counts.computeIfAbsent(rs.getLong("owner"), k -> new long[3]);
                    int slot = switch (rs.getString("kind")) {
                        case "hard_bounce" -> 0;
                        case "soft_bounce" -> 1;
                        default -> 2;
                    };
                    c[slot] += rs.getLong("n");
                });
        java.util.Map<Long, dev.recado.messaging.FeedbackCounts> result = new java.util.HashMap<>();
        counts.forEach((id, c) -> result.put(id, new dev.recado.messaging.FeedbackCounts(c[0], c[1], c[2])));
        return result;
    }

    public boolean hasOutbound(long workspaceId) {
        return jdbc.sql("select 1 from messages where workspace_id = :ws and direction = 'outbound' fetch first 1 rows only")
                .param("ws", workspaceId).query(Integer.class).optional().isPresent();
    }
}
