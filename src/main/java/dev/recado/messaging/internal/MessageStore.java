package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.common.IdBlocks;
import dev.recado.common.PostgresCopy;
import dev.recado.messaging.Content;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageFilter;
import dev.recado.messaging.MessageStatus;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
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
            String from, Content content, String purpose, int priority, MessageStatus status, int segments,
            String encoding, boolean smartEncoding, BigDecimal price, String currency, String idempotencyKey,
            String clientRef, String requestHash, Instant sendAt, Instant validUntil, Map<String, Object> metadata,
            String statusCallback, Long campaignId, String deferredReason) {
    }

    /** A message found again by its idempotency key or client reference, with the hash of its request. */
    record Repeat(Message message, String idempotencyKey, String clientRef, String requestHash) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final IdBlocks ids;
    private final DataSource dataSource;
    private final DispatchQueue queue;

    MessageStore(JdbcClient jdbc, JdbcTemplate template, IdBlocks ids, DataSource dataSource, DispatchQueue queue) {
        this.jdbc = jdbc;
        this.template = template;
        this.ids = ids;
        this.dataSource = dataSource;
        this.queue = queue;
    }

    /** The message as just written, without reading it back. */
    static Message asWritten(long id, NewMessage m, Instant now) {
        boolean queued = m.status() == MessageStatus.QUEUED;
        return new Message(id, m.workspaceId(), m.contactId(), m.senderId(), m.direction(), m.channel(), m.to(),
                m.from(), m.content().summary(), m.purpose(), m.priority(), m.status(), m.segments(), m.encoding(),
                m.price().stripTrailingZeros(), m.currency(), m.sendAt(), m.validUntil(), 0, null, null,
                m.metadata() == null ? Map.of() : m.metadata(), m.statusCallback(), m.campaignId(), now,
                queued ? now : null, null, null, null, m.status().terminal() ? now : null, null, m.content(),
                m.clientRef(), m.deferredReason(), null, null, 0);
    }

    long insert(NewMessage m, Instant now) {
        return insertAll(List.of(m), now).get(0);
    }

    /** Writes many messages in one batch; their ids come from one reserved block. */
    List<Long> insertAll(List<NewMessage> messages, Instant now) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<Long> reserved = ids.next("message_id_seq", messages.size());
        if (ids.postgres()) {
            copyAll(messages, reserved, now);
        } else {
            insertEach(messages, reserved, now);
        }
        List<DispatchQueue.Entry> joining = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            NewMessage m = messages.get(i);
            boolean waiting = m.status() == MessageStatus.SCHEDULED;
            if ((waiting || m.status() == MessageStatus.QUEUED) && m.senderId() != null) {
                joining.add(new DispatchQueue.Entry(reserved.get(i), m.senderId(), waiting, m.priority(),
                        m.sendAt() != null ? m.sendAt() : now, m.validUntil()));
            }
        }
        queue.add(joining);
        return reserved;
    }

    private void insertEach(List<NewMessage> messages, List<Long> reserved, Instant now) {
        int[] i = {0};
        template.batchUpdate("insert into messages (" + COLUMNS + ") values (?" + ", ?".repeat(COLUMN_COUNT - 1) + ")",
                messages, 1000, (ps, m) -> {
                    Object[] values = values(m, reserved.get(i[0]++), now);
                    for (int c = 0; c < values.length; c++) {
                        ps.setObject(c + 1, values[c] instanceof Instant at ? Db.ts(at) : values[c]);
                    }
                });
    }

    /** PostgreSQL: the same rows through COPY, the message log's bulk path (campaigns, batches). */
    private void copyAll(List<NewMessage> messages, List<Long> reserved, Instant now) {
        int[] i = {0};
        PostgresCopy.copy(dataSource, "messages", COLUMNS, messages, (m, row) -> {
            for (Object value : values(m, reserved.get(i[0]++), now)) {
                row.add(value);
            }
        });
    }

    private static final String COLUMNS = """
            id, workspace_id, contact_id, sender_id, direction, channel, to_address, from_address, body, content,
            purpose, priority, status, segments, encoding, smart_encoding, price, currency, idempotency_key,
            client_ref, request_hash, send_at, valid_until, next_attempt_at, metadata, status_callback, campaign_id,
            created_at, queued_at, final_at, updated_at, deferred_reason""";
    private static final int COLUMN_COUNT = COLUMNS.split(",").length;

    /** A new row's values in {@link #COLUMNS} order; times as {@code Instant}. */
    private static Object[] values(NewMessage m, long id, Instant now) {
        return new Object[] {id, m.workspaceId(), m.contactId(), m.senderId(), m.direction(), m.channel(), m.to(),
            m.from(), m.content().summary(),
            m.content() instanceof Content.Text ? null : JSON.writeValueAsString(m.content()), m.purpose(),
            m.priority(), m.status().toString(), m.segments(), m.encoding(), m.smartEncoding(), m.price(),
            m.currency(), m.idempotencyKey(), m.clientRef(), m.requestHash(), m.sendAt(), m.validUntil(),
            m.sendAt() != null ? m.sendAt() : now,
            m.metadata() == null || m.metadata().isEmpty() ? null : JSON.writeValueAsString(m.metadata()),
            m.statusCallback(), m.campaignId(), now, m.status() == MessageStatus.QUEUED ? now : null,
            m.status().terminal() ? now : null, now, m.deferredReason()};
    }

    Optional<Message> find(long workspaceId, long id) {
        return jdbc.sql(SELECT + " where m.workspace_id = :ws and m.id = :id")
                .param("ws", workspaceId).param("id", id).query(MessageStore::map).optional();
    }

    /** Earlier messages carrying any of these idempotency keys or client references. */
    List<Repeat> findRepeats(long workspaceId, Collection<String> idempotencyKeys, Collection<String> clientRefs) {
        List<Repeat> found = new ArrayList<>();
        for (var lookup : List.of(Map.entry("idempotency_key", idempotencyKeys), Map.entry("client_ref", clientRefs))) {
            if (lookup.getValue().isEmpty()) {
                continue;
            }
            found.addAll(jdbc.sql(ids.postgres() ? repeatsByProbe(lookup.getKey())
                            : SELECT + " where m.workspace_id = :ws and m." + lookup.getKey() + " in (:values)")
                    .param("ws", workspaceId)
                    .param("values", ids.postgres() ? lookup.getValue().toArray(String[]::new) : lookup.getValue())
                    .query((rs, n) -> new Repeat(map(rs, n), rs.getString("idempotency_key"),
                            rs.getString("client_ref"), rs.getString("request_hash")))
                    .list());
        }
        return found;
    }

    /**
     * One probe of the unique index per value, whatever the statistics say: as an IN list, with
     * `messages` never analyzed since it grew (autovacuum off or behind), PostgreSQL chose to scan
     * the workspace's messages for every campaign page, seconds a page and growing with each one.
     * A lateral lookup of at most one row cannot be turned into a join over the whole table.
     */
    private static String repeatsByProbe(String column) {
        return SELECT.replace(" from messages m", """
                 from unnest(cast(:values as text[])) as wanted (v)
                 cross join lateral (select * from messages x where x.workspace_id = :ws and x.%s = wanted.v
                                      fetch first 1 rows only) m""".formatted(column));
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
        if (filter.createdFrom() != null) {
            sql.append(" and m.created_at >= :createdFrom");
            params.put("createdFrom", Db.ts(filter.createdFrom()));
        }
        if (filter.createdBefore() != null) {
            sql.append(" and m.created_at < :createdBefore");
            params.put("createdBefore", Db.ts(filter.createdBefore()));
        }
        sql.append(" order by m.id desc limit :limit");
        return jdbc.sql(sql.toString()).params(params).query(MessageStore::map).list();
    }

    /** Moves a scheduled or queued message to canceled; false when it already left. */
    /** Cancels a scheduled or queued message; {@code code} and {@code text}, when given, say why (else left as they were). */
    boolean cancel(long workspaceId, long id, String code, String text, Instant now) {
        String why = code == null ? "" : ", error_code = :code, error_text = :text";
        var update = jdbc.sql("update messages set status = 'canceled', final_at = :now, updated_at = :now" + why + """
                 where workspace_id = :ws and id = :id and status in ('scheduled', 'queued')
                """)
                .param("now", Db.ts(now)).param("ws", workspaceId).param("id", id);
        if (code != null) {
            update = update.param("code", code).param("text", text);
        }
        boolean canceled = update.update() == 1;
        if (canceled) {
            queue.remove(List.of(id));
        }
        return canceled;
    }

    private static final String SELECT = """
            select m.*, (select min(p.provider_id) from message_parts p where p.message_id = m.id and p.part_no = 1)
                   as provider_id,
                   (select t.answers_message_id from message_threads t where t.message_id = m.id) as in_reply_to,
                   (select o.first_opened_at from message_opens o where o.message_id = m.id) as opened_at,
                   (select o.opens from message_opens o where o.message_id = m.id) as opens
              from messages m""";

    /** The stored content: JSON for rich kinds, the body alone for plain text. */
    static Content content(String json, String body) {
        return json == null ? new Content.Text(body) : JSON.readValue(json, Content.class);
    }

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
                Db.instant(rs, "final_at"), rs.getString("provider_id"),
                content(rs.getString("content"), rs.getString("body")), rs.getString("client_ref"),
                rs.getString("deferred_reason"), Db.nullableLong(rs, "in_reply_to"), Db.instant(rs, "opened_at"),
                rs.getInt("opens"));
    }
}
