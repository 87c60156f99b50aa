package dev.recado.consent.internal;

import dev.recado.common.Db;
import dev.recado.common.IdBlocks;
import dev.recado.common.SetStatements;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.Purpose;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The current consent per contact, concrete channel and purpose ({@code consent_state}): what the
 * ledger's latest confirmed fact says, kept by {@link ConsentRepository} in the transaction of every
 * fact it writes, so segment counts read one row per contact instead of searching the ledger.
 */
@Repository
class ConsentStateRepository {

    private static final String[] CONCRETE = Arrays.stream(Channel.values()).filter(c -> c != Channel.ALL)
            .map(Channel::toString).toArray(String[]::new);

    // A fact replaces a row only when it is later in the ledger's order (occurred_at, id): under
    // concurrent writers the row ends as the latest fact whichever commits first.
    private static final String POSTGRES = """
            insert into consent_state (contact_id, channel, purpose, workspace_id, status, occurred_at, event_id)
            select f.contact_id, ch.channel, ?, ?, ?, ?, f.event_id
              from unnest(cast(? as bigint[]), cast(? as bigint[])) as f (contact_id, event_id)
             cross join unnest(cast(? as varchar[])) as ch (channel)
             order by f.contact_id, ch.channel
            on conflict (contact_id, channel, purpose) do update
               set workspace_id = excluded.workspace_id, status = excluded.status,
                   occurred_at = excluded.occurred_at, event_id = excluded.event_id
             where (consent_state.occurred_at, consent_state.event_id) < (excluded.occurred_at, excluded.event_id)
            """;

    private static final String H2 = """
            merge into consent_state s
            using (select f.contact_id, ch.channel, cast(? as varchar(16)) as purpose, cast(? as bigint) as workspace_id,
                          cast(? as varchar(16)) as status, cast(? as timestamp with time zone) as occurred_at, f.event_id
                     from unnest(cast(? as bigint array), cast(? as bigint array)) as f (contact_id, event_id)
                    cross join unnest(cast(? as varchar(16) array)) as ch (channel)) as n
               on s.contact_id = n.contact_id and s.channel = n.channel and s.purpose = n.purpose
             when matched and (s.occurred_at < n.occurred_at or (s.occurred_at = n.occurred_at and s.event_id < n.event_id))
             then update set workspace_id = n.workspace_id, status = n.status, occurred_at = n.occurred_at,
                             event_id = n.event_id
             when not matched then insert (contact_id, channel, purpose, workspace_id, status, occurred_at, event_id)
                  values (n.contact_id, n.channel, n.purpose, n.workspace_id, n.status, n.occurred_at, n.event_id)
            """;

    private static final int H2_MERGE_ATTEMPTS = 3;

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final boolean postgres;

    ConsentStateRepository(JdbcTemplate template, JdbcClient jdbc, IdBlocks ids) {
        this.template = template;
        this.jdbc = jdbc;
        this.postgres = ids.postgres();
    }

    /** The current status on one concrete channel for one purpose of those contacts that have one. */
    Map<Long, ConsentStatus> current(long workspaceId, Collection<Long> contactIds, Channel channel, Purpose purpose) {
        Map<Long, ConsentStatus> current = new HashMap<>();
        if (contactIds.isEmpty()) {
            return current;
        }
        jdbc.sql("""
                select contact_id, status from consent_state
                 where contact_id = any(:contacts) and channel = :channel and purpose = :purpose and workspace_id = :ws
                """)
                .param("contacts", SetStatements.bigints(contactIds)).param("channel", channel.toString())
                .param("purpose", purpose.toString()).param("ws", workspaceId)
                .query(rs -> {
                    current.put(rs.getLong(1), ConsentStatus.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)));
                });
        return current;
    }

    /**
     * Applies facts that differ only in their contact and id (one recorded fact, or an import's batch):
     * one statement for all of them, whatever their number.
     *
     * @param eventIds the id of each contact's fact; a contact named twice keeps its later fact
     */
    void apply(long workspaceId, Channel channel, Purpose purpose, ConsentStatus status, Instant occurredAt,
            long[] contactIds, long[] eventIds) {
        if (contactIds.length == 0) {
            return;
        }
        // sorted by contact: concurrent batches then lock their rows in the same order, without deadlocks
        Map<Long, Long> latest = new TreeMap<>();
        for (int i = 0; i < contactIds.length; i++) {
            latest.merge(contactIds[i], eventIds[i], Math::max);
        }
        Long[] contacts = latest.keySet().toArray(Long[]::new);
        Long[] events = latest.values().toArray(Long[]::new);
        String[] channels = channel == Channel.ALL ? CONCRETE : new String[] {channel.toString()};
        for (int attempt = 1; ; attempt++) {
            try {
                template.update(con -> {
                    var ps = con.prepareStatement(postgres ? POSTGRES : H2);
                    ps.setString(1, purpose.toString());
                    ps.setLong(2, workspaceId);
                    ps.setString(3, status.toString());
                    ps.setObject(4, Db.ts(occurredAt));
                    ps.setArray(5, con.createArrayOf("bigint", contacts));
                    ps.setArray(6, con.createArrayOf("bigint", events));
                    ps.setArray(7, con.createArrayOf("varchar", channels));
                    return ps;
                });
                return;
            } catch (DuplicateKeyException e) {
                // H2's merge: another transaction inserted a contact's first row after this statement
                // looked, waited for it to commit, then failed the insert. Run again, the row now
                // matches (H2 undoes only the failed statement). PostgreSQL's on conflict cannot fail so.
                if (postgres || attempt == H2_MERGE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
