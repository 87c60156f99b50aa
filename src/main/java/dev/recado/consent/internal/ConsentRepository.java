package dev.recado.consent.internal;

import dev.recado.common.Db;
import dev.recado.common.IdBlocks;
import dev.recado.common.PostgresCopy;
import dev.recado.common.SetStatements;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentEvent;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.OptOutCount;
import dev.recado.consent.Purpose;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Collection;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class ConsentRepository {

    /** A row to insert in bulk (imports). */
    public record Row(long workspaceId, long contactId, Channel channel, Purpose purpose, ConsentStatus status,
            ConsentSource source, String evidence, String actor, Instant occurredAt) {
    }

    private static final String INSERT = """
            insert into consent_events (workspace_id, contact_id, channel, purpose, status, source, evidence, actor,
                                        occurred_at, recorded_at, confirmation_token)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final DataSource dataSource;
    private final IdBlocks ids;
    private final ConsentStateRepository state;
    private final boolean postgres;

    ConsentRepository(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource, IdBlocks ids,
            ConsentStateRepository state) {
        this.jdbc = jdbc;
        this.template = template;
        this.dataSource = dataSource;
        this.ids = ids;
        this.state = state;
        this.postgres = ids.postgres();
    }

    /** Writes a fact and, unless it waits for its confirmation link, the current state it makes. */
    public long insert(Row row, Instant recordedAt, String confirmationToken) {
        var keys = new GeneratedKeyHolder();
        template.update(con -> {
            PreparedStatement ps = con.prepareStatement(INSERT, new String[] {"id"});
            bind(ps, row, recordedAt, confirmationToken);
            return ps;
        }, keys);
        long id = keys.getKey().longValue();
        if (confirmationToken == null) {
            state.apply(row.workspaceId(), row.channel(), row.purpose(), row.status(), row.occurredAt(),
                    new long[] {row.contactId()}, new long[] {id});
        }
        return id;
    }

    /** Writes many facts and the current state they make, in a fixed number of statements. */
    public void insertBatch(List<Row> rows, Instant recordedAt) {
        if (rows.isEmpty()) {
            return;
        }
        long[] eventIds;
        if (postgres) {
            // an import writes one fact per contact: COPY skips parsing and planning a statement per row;
            // the ids are reserved first because the state rows name the fact they reflect
            eventIds = ids.next("consent_events_id_seq", rows.size()).stream().mapToLong(Long::longValue).toArray();
            int[] at = {0};
            PostgresCopy.copy(dataSource, "consent_events", "id, workspace_id, contact_id, channel, purpose, status,"
                    + " source, evidence, actor, occurred_at, recorded_at", rows, (row, out) -> out.add(eventIds[at[0]++])
                            .add(row.workspaceId()).add(row.contactId()).add(row.channel()).add(row.purpose())
                            .add(row.status()).add(row.source()).add(row.evidence()).add(row.actor())
                            .add(row.occurredAt()).add(recordedAt));
        } else {
            var keys = new GeneratedKeyHolder();
            template.batchUpdate(con -> con.prepareStatement(INSERT, new String[] {"id"}),
                    new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
                        @Override
                        public void setValues(PreparedStatement ps, int i) throws SQLException {
                            bind(ps, rows.get(i), recordedAt, null);
                        }

                        @Override
                        public int getBatchSize() {
                            return rows.size();
                        }
                    }, keys);
            eventIds = keys.getKeyList().stream().mapToLong(k -> ((Number) k.values().iterator().next()).longValue())
                    .toArray();
        }
        applyState(rows, eventIds);
    }

    /** One state statement per distinct fact of the batch (an import's batch has one). */
    private void applyState(List<Row> rows, long[] eventIds) {
        record Fact(long workspaceId, Channel channel, Purpose purpose, ConsentStatus status, Instant occurredAt) {
        }
        Map<Fact, List<Integer>> byFact = new java.util.LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            byFact.computeIfAbsent(new Fact(r.workspaceId(), r.channel(), r.purpose(), r.status(), r.occurredAt()),
                    k -> new ArrayList<>()).add(i);
        }
        byFact.forEach((fact, indexes) -> state.apply(fact.workspaceId(), fact.channel(), fact.purpose(),
                fact.status(), fact.occurredAt(), indexes.stream().mapToLong(i -> rows.get(i).contactId()).toArray(),
                indexes.stream().mapToLong(i -> eventIds[i]).toArray()));
    }

    public List<OptOutCount> optOuts(long workspaceId, Instant from, Instant to) {
        return jdbc.sql("""
                -- name: opt-outs-per-quarter-hour
                select floor(extract(epoch from occurred_at) / 900) as quarter, count(distinct contact_id)
                  from consent_events
                 where workspace_id = :ws and status = 'opted_out' and occurred_at >= :from and occurred_at < :to
                 group by floor(extract(epoch from occurred_at) / 900)
                """)
                .param("ws", workspaceId).param("from", Db.ts(from)).param("to", Db.ts(to))
                .query((rs, n) -> new OptOutCount(Instant.ofEpochSecond(rs.getLong(1) * 900), rs.getLong(2))).list();
    }

    public List<ConsentEvent> history(long workspaceId, long contactId) {
        return jdbc.sql("""
                select * from consent_events where workspace_id = :ws and contact_id = :contact
                 order by occurred_at desc, id desc
                """)
                .param("ws", workspaceId).param("contact", contactId)
                .query(ConsentRepository::map).list();
    }

    /** The current status of those contacts that have one, from consent_state. */
    public Map<Long, ConsentStatus> current(long workspaceId, Collection<Long> contactIds, Channel channel,
            Purpose purpose) {
        return state.current(workspaceId, contactIds, channel, purpose);
    }

    /** Which of these contacts have an opt-in waiting for its confirmation link, on the channel or all. */
    public java.util.Set<Long> awaitingConfirmation(long workspaceId, Collection<Long> contactIds, Channel channel,
            Purpose purpose) {
        if (contactIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                select distinct contact_id from consent_events
                 where contact_id = any(:contacts) and purpose = :purpose and channel in (:channel, 'all')
                   and confirmation_token is not null and workspace_id = :ws
                """)
                .param("contacts", SetStatements.bigints(contactIds)).param("purpose", purpose.toString())
                .param("channel", channel.toString())
                .param("ws", workspaceId).query(Long.class).list());
    }

    public Optional<ConsentEvent> byToken(String token) {
        return jdbc.sql("select * from consent_events where confirmation_token = :token").param("token", token)
                .query(ConsentRepository::map).optional();
    }

    /** The request's own record of when its link was followed (the opt-in itself is a fact of its own). */
    public void markConfirmed(long requestId, Instant at) {
        jdbc.sql("update consent_events set confirmed_at = :at where id = :id and confirmed_at is null")
                .param("at", Db.ts(at)).param("id", requestId).update();
    }

    public Optional<Long> workspaceOfToken(String token) {
        return jdbc.sql("select workspace_id from consent_events where confirmation_token = :token")
                .param("token", token).query(Long.class).optional();
    }

    private static void bind(PreparedStatement ps, Row row, Instant recordedAt, String token) throws SQLException {
        ps.setLong(1, row.workspaceId());
        ps.setLong(2, row.contactId());
        ps.setString(3, row.channel().toString());
        ps.setString(4, row.purpose().toString());
        ps.setString(5, row.status().toString());
        ps.setString(6, row.source().toString());
        ps.setString(7, row.evidence());
        ps.setString(8, row.actor());
        ps.setObject(9, Db.ts(row.occurredAt()));
        ps.setObject(10, Db.ts(recordedAt));
        ps.setString(11, token);
    }

    static ConsentEvent map(ResultSet rs, int row) throws SQLException {
        return new ConsentEvent(rs.getLong("id"), rs.getLong("contact_id"),
                Channel.valueOf(rs.getString("channel").toUpperCase()), Purpose.valueOf(rs.getString("purpose").toUpperCase()),
                ConsentStatus.valueOf(rs.getString("status").toUpperCase()),
                ConsentSource.valueOf(rs.getString("source").toUpperCase()), rs.getString("evidence"),
                rs.getString("actor"), Db.instant(rs, "occurred_at"), Db.instant(rs, "recorded_at"),
                rs.getString("confirmation_token") != null);
    }
}
