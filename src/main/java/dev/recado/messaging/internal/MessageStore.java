package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageFilter;
import dev.recado.messaging.MessageStatus;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The message log: writing accepted messages and reading them back. */
@Repository
class MessageStore {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** A message about to be written; {@code status} is queued, scheduled or received. */
    record NewMessage(long workspaceId, Long contactId, Long senderId, String direction, String channel, String to,
            String from, String body, String purpose, int priority, MessageStatus status, int segments,
            String encoding, boolean smartEncoding, BigDecimal price, String currency, String idempotencyKey,
            String requestHash, Instant sendAt, Instant validUntil, Map<String, Object> metadata,
            String statusCallback, Long campaignId) {
    }

    private final JdbcClient jdbc;

    MessageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The message as just written, without reading it back. */
    static Message asWritten(long id, NewMessage m, Instant now) {
        boolean queued = m.status() == MessageStatus.QUEUED;
        return new Message(id, m.workspaceId(), m.contactId(), m.senderId(), m.direction(), m.channel(), m.to(),
                m.from(), m.body(), m.purpose(), m.priority(), m.status(), m.segments(), m.encoding(),
                m.price().stripTrailingZeros(), m.currency(), m.sendAt(), m.validUntil(), 0, null, null,
                m.metadata() == null ? Map.of() : m.metadata(), m.statusCallback(), m.campaignId(), now,
                queued ? now : null, null, null, null, m.status().terminal() ? now : null, null);
    }

    long insert(NewMessage m, Instant now) {
        boolean queued = m.status() == MessageStatus.QUEUED;
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into messages (workspace_id, contact_id, sender_id, direction, channel, to_address,
                    from_address, body, purpose, priority, status, segments, encoding, smart_encoding, price, currency,
                    idempotency_key, request_hash, send_at, valid_until, next_attempt_at, metadata, status_callback,
                    campaign_id, created_at, queued_at, final_at, updated_at)
                values (:ws, :contact, :sender, :direction, :channel, :to, :from, :body, :purpose, :priority,
                    :status, :segments, :encoding, :smart, :price, :currency, :idem, :hash, :sendAt, :validUntil,
                    :next, :metadata, :callback, :campaign, :now, :queuedAt, :finalAt, :now)
                """)
                .param("ws", m.workspaceId()).param("contact", m.contactId())
                .param("sender", m.senderId()).param("direction", m.direction()).param("channel", m.channel())
                .param("to", m.to()).param("from", m.from()).param("body", m.body()).param("purpose", m.purpose())
                .param("priority", m.priority()).param("status", m.status().toString())
                .param("segments", m.segments()).param("encoding", m.encoding()).param("smart", m.smartEncoding())
                .param("price", m.price()).param("currency", m.currency()).param("idem", m.idempotencyKey())
                .param("hash", m.requestHash()).param("sendAt", Db.ts(m.sendAt()))
                .param("validUntil", Db.ts(m.validUntil()))
                .param("next", Db.ts(m.sendAt() != null ? m.sendAt() : now))
                .param("metadata", m.metadata() == null || m.metadata().isEmpty() ? null : JSON.writeValueAsString(m.metadata()))
                .param("callback", m.statusCallback()).param("campaign", m.campaignId()).param("now", Db.ts(now))
                .param("queuedAt", queued ? Db.ts(now) : null)
                .param("finalAt", m.status().terminal() ? Db.ts(now) : null)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Message> find(long workspaceId, long id) {
        return jdbc.sql(SELECT + " where m.workspace_id = :ws and m.id = :id")
                .param("ws", workspaceId).param("id", id).query(MessageStore::map).optional();
    }

    Optional<Message> findByIdempotencyKey(long workspaceId, String key) {
        return jdbc.sql(SELECT + " where m.workspace_id = :ws and m.idempotency_key = :key")
                .param("ws", workspaceId).param("key", key).query(MessageStore::map).optional();
    }

    Optional<String> requestHash(long id) {
        return jdbc.sql("select request_hash from messages where id = :id").param("id", id).query(String.class).optional();
    }

    List<Message> list(long workspaceId, MessageFilter filter, long beforeId, int limit) {
        var sql = new StringBuilder(SELECT + " where m.workspace_id = :ws and m.id < :before");
        Map<String, Object> params = new HashMap<>();
        params.put("ws", workspaceId);
        params.put("before", beforeId);
        params.put("limit", limit);
        if (filter.status() != null) {
            sql.append(" and m.status = :status");
            params.put("status", filter.status().toString());
        }
        if (filter.channel() != null) {
            sql.append(" and m.channel = :channel");
            params.put("channel", filter.channel());
        }
        if (filter.contactId() != null) {
            sql.append(" and m.contact_id = :contact");
            params.put("contact", filter.contactId());
        }
        if (filter.campaignId() != null) {
            sql.append(" and m.campaign_id = :campaign");
            params.put("campaign", filter.campaignId());
        }
        if (filter.direction() != null) {
            sql.append(" and m.direction = :direction");
            params.put("direction", filter.direction());
        }
        sql.append(" order by m.id desc limit :limit");
        return jdbc.sql(sql.toString()).params(params).query(MessageStore::map).list();
    }

    /** Moves a scheduled or queued message to canceled; false when it already left. */
    boolean cancel(long workspaceId, long id, Instant now) {
        return jdbc.sql("""
                update messages set status = 'canceled', final_at = :now, updated_at = :now
                 where workspace_id = :ws and id = :id and status in ('scheduled', 'queued')
                """)
                .param("now", Db.ts(now)).param("ws", workspaceId).param("id", id).update() == 1;
    }

    /** Money still promised to unsettled messages, per workspace, to rebuild reservations at start. */
    Map<Long, BigDecimal> outstandingReservations() {
        Map<Long, BigDecimal> sums = new HashMap<>();
        jdbc.sql("""
                select workspace_id, sum(price) from messages
                 where settled = false and status in ('accepted', 'scheduled', 'queued', 'sending')
                 group by workspace_id
                """)
                .query(rs -> {
                    sums.put(rs.getLong(1), rs.getBigDecimal(2));
                });
        return sums;
    }

    private static final String SELECT = """
            select m.*, (select min(p.provider_id) from message_parts p where p.message_id = m.id and p.part_no = 1)
                   as provider_id
              from messages m""";

    static Message map(ResultSet rs, int row) throws SQLException {
        String metadata = rs.getString("metadata");
        return new Message(rs.getLong("id"), rs.getLong("workspace_id"), Db.nullableLong(rs, "contact_id"),
                Db.nullableLong(rs, "sender_id"), rs.getString("direction"), rs.getString("channel"),
                rs.getString("to_address"), rs.getString("from_address"), rs.getString("body"),
                rs.getString("purpose"), rs.getInt("priority"), MessageStatus.wire(rs.getString("status")),
                rs.getInt("segments"), rs.getString("encoding"), rs.getBigDecimal("price").stripTrailingZeros(),
                rs.getString("currency"), Db.instant(rs, "send_at"), Db.instant(rs, "valid_until"),
                rs.getInt("attempts"), rs.getString("error_code"), rs.getString("error_text"),
                metadata == null ? Map.of() : JSON.readValue(metadata, MAP), rs.getString("status_callback"),
                Db.nullableLong(rs, "campaign_id"), Db.instant(rs, "created_at"), Db.instant(rs, "queued_at"),
                Db.instant(rs, "sent_at"), Db.instant(rs, "delivered_at"), Db.instant(rs, "read_at"),
                Db.instant(rs, "final_at"), rs.getString("provider_id"));
    }
}
