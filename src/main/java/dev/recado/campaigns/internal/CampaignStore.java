package dev.recado.campaigns.internal;

import dev.recado.common.Db;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.recado.campaigns.CampaignStatusChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Campaign rows: creation, guarded state changes, the runner's lease and cursor, and counters. */
@Repository
class CampaignStore {

    record NewCampaign(long workspaceId, String name, long segmentId, long templateId, String channel, String from,
            String purpose, Integer ratePerMinute, String scheduleType, Instant startAt, String routine, String channels,
            boolean cheapest) {
    }

    /**
     * One fanned-out page's effect on the row, written together with the cursor. {@code nextOccurrenceAt}:
     * on a routine's last page, when its next occurrence is due (null: the routine is done).
     */
    record PageResult(int occurrence, long lastContactId, long targeted, long accepted, BigDecimal cost,
            Map<String, Long> skipped, Instant nextPageAt, boolean last, Instant nextOccurrenceAt) {
    }

    private final JdbcClient jdbc;
    private final WorkspaceRows rows;
    private final OccurrenceStore occurrences;
    private final ApplicationEventPublisher events;
    private final CountShards shards;

    CampaignStore(JdbcClient jdbc, WorkspaceRows rows, OccurrenceStore occurrences, ApplicationEventPublisher events,
            CountShards shards) {
        this.shards = shards;
        this.events = events;
        this.jdbc = jdbc;
        this.rows = rows;
        this.occurrences = occurrences;
    }

    @Transactional
    long insert(NewCampaign c, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into campaigns (workspace_id, name, segment_id, template_id, channel, from_address, purpose,
                                       rate_per_minute, schedule_type, start_at, status, created_at, channels,
                                       cheapest)
                values (:ws, :name, :segment, :template, :channel, :from, :purpose, :rate, :type, :startAt, 'draft', :now,
                        :channels, :cheapest)""").param("channels", c.channels()).param("cheapest", c.cheapest())
                .param("ws", c.workspaceId()).param("name", c.name()).param("segment", c.segmentId())
                .param("template", c.templateId()).param("channel", c.channel()).param("from", c.from())
                .param("purpose", c.purpose()).param("rate", c.ratePerMinute()).param("type", c.scheduleType())
                .param("startAt", Db.ts(c.startAt())).param("now", Db.ts(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        saveRoutine(id, c.routine());
        return id;
    }

    /** Rewrites a draft's choices; false once it left the draft state. */
    @Transactional
    boolean updateDraft(long id, NewCampaign c) {
        int updated = jdbc.sql("""
                update campaigns set name = :name, segment_id = :segment, template_id = :template, channel = :channel,
                       from_address = :from, purpose = :purpose, rate_per_minute = :rate, schedule_type = :type,
                       start_at = :startAt, channels = :channels, cheapest = :cheapest
                where id = :id and status = 'draft'""").param("channels", c.channels()).param("cheapest", c.cheapest())
                .param("id", id).param("name", c.name()).param("segment", c.segmentId())
                .param("template", c.templateId()).param("channel", c.channel()).param("from", c.from())
                .param("purpose", c.purpose()).param("rate", c.ratePerMinute()).param("type", c.scheduleType())
                .param("startAt", Db.ts(c.startAt())).update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("delete from campaign_routines where campaign_id = :id").param("id", id).update();
        saveRoutine(id, c.routine());
        return true;
    }

    private void saveRoutine(long id, String routine) {
        if (routine != null) {
            jdbc.sql("insert into campaign_routines (campaign_id, routine) values (:id, :routine)")
                    .param("id", id).param("routine", routine).update();
        }
    }

    Optional<Campaign> find(long workspaceId, long id) {
        return rows.find("campaigns", workspaceId, id, this::row);
    }

    /**
     * The campaign read under its row lock, so edits of one draft (two PATCHes, a PATCH and a console
     * save) apply one after the other, each over what the other wrote, instead of the last one's
     * stale read overwriting the first.
     */
    Optional<Campaign> findForUpdate(long workspaceId, long id) {
        return jdbc.sql("select * from campaigns where workspace_id = :w and id = :id for update")
                .param("w", workspaceId).param("id", id).query(this::row).optional();
    }

    Optional<Campaign> find(long id) {
        return jdbc.sql("select * from campaigns where id = :id").param("id", id).query(this::row).optional();
    }

    List<Campaign> list(long workspaceId, long beforeId, int limit) {
        return rows.page("campaigns", workspaceId, beforeId, limit, this::row);
    }

    /**
     * Moves the campaign from one of {@code from} to {@code to}, announcing the move in the same
     * transaction; false when it was in another state.
     */
    @Transactional
    boolean transition(long id, Collection<String> from, String to, Instant now) {
        boolean moved = jdbc.sql("""
                update campaigns set status = :to,
                       started_at = case when :to = 'running' and started_at is null then :now else started_at end,
                       finished_at = case when :to in ('canceled', 'completed', 'failed') then :now else finished_at end,
                       lease_owner = null, lease_until = null, next_page_at = null, failure = null
                where id = :id and status in (:from)""")
                .param("id", id).param("from", from).param("to", to).param("now", Db.ts(now)).update() == 1;
        if (moved && !Campaign.SCHEDULED.equals(to)) {
            String change = !Campaign.RUNNING.equals(to) ? to : Set.of(Campaign.PAUSED).equals(Set.copyOf(from)) ? "resumed"
                    : "started";
            announce(id, change, to, null, now);
        }
        return moved;
    }

    private void announce(long id, String change, String status, String failure, Instant now) {
        jdbc.sql("select workspace_id, occurrence from campaigns where id = :id").param("id", id).query(rs -> {
            events.publishEvent(new CampaignStatusChanged(rs.getLong(1), id, change, status, rs.getInt(2), failure, now));
        });
    }

    /** A draft routine waits for its first occurrence. */
    boolean scheduleRoutine(long id, Collection<String> from, Instant at) {
        return jdbc.sql("update campaigns set status = 'scheduled', start_at = :at, lease_owner = null, lease_until = null"
                + " where id = :id and status in (:from) and cursor_id = 0")
                .param("id", id).param("from", from).param("at", Db.ts(at)).update() == 1;
    }

    /**
     * Scheduled campaigns whose time came start running (a routine's next occurrence among them),
     * each by a guarded update, so of nodes sweeping together one starts it and announces it.
     */
    @Transactional
    int startDue(Instant now) {
        List<Long> due = jdbc.sql("select id from campaigns where status = 'scheduled' and start_at <= :now")
                .param("now", Db.ts(now)).query(Long.class).list();
        int started = 0;
        for (long id : due) {
            if (jdbc.sql("""
                    update campaigns set status = 'running', started_at = coalesce(started_at, :now)
                    where id = :id and status = 'scheduled' and start_at <= :now""")
                    .param("id", id).param("now", Db.ts(now)).update() == 1) {
                announce(id, "started", Campaign.RUNNING, null, now);
                started++;
            }
        }
        return started;
    }

    /** Running campaigns this node may work on now: unowned, its own, or whose owner's lease lapsed. */
    List<Long> workable(String node, Instant now) {
        return jdbc.sql("""
                select id from campaigns
                where status = 'running' and (lease_until is null or lease_until < :now or lease_owner = :node)
                  and (next_page_at is null or next_page_at <= :now)
                order by id fetch first 100 rows only""")
                .param("node", node).param("now", Db.ts(now)).query(Long.class).list();
    }

    /** Takes or renews the lease; false when another node holds a live one or the campaign stopped. */
    boolean lease(long id, String node, Instant now, Instant until) {
        return jdbc.sql("""
                update campaigns set lease_owner = :node, lease_until = :until
                where id = :id and status = 'running'
                  and (lease_owner is null or lease_owner = :node or lease_until < :now)""")
                .param("id", id).param("node", node).param("now", Db.ts(now)).param("until", Db.ts(until))
                .update() == 1;
    }

    /**
     * Writes a page's counters with its cursor, guarded by the lease and the running state: a page
     * whose campaign was paused or taken over meanwhile writes nothing, and is fanned out again
     * later, when its client references answer the messages already made.
     */
    @Transactional
    boolean advance(long id, String node, PageResult page, Instant now) {
        boolean rollover = page.last() && page.nextOccurrenceAt() != null;
        int updated = jdbc.sql("""
                update campaigns set cursor_id = case when :rollover then 0 else :cursor end,
                       targeted = targeted + :targeted, accepted = accepted + :accepted, cost = cost + :cost,
                       next_page_at = :next,
                       status = case when :rollover then 'scheduled' when :last then 'completed' else status end,
                       occurrence = case when :rollover then occurrence + 1 else occurrence end,
                       start_at = coalesce(:nextOccurrence, start_at),
                       finished_at = case when :last and not :rollover then :now else finished_at end,
                       lease_owner = case when :last then null else lease_owner end,
                       lease_until = case when :last then null else lease_until end
                where id = :id and lease_owner = :node and status = 'running' and occurrence = :occurrence""")
                .param("id", id).param("node", node).param("cursor", page.lastContactId())
                .param("targeted", page.targeted()).param("accepted", page.accepted()).param("cost", page.cost())
                .param("next", rollover ? null : Db.ts(page.nextPageAt())).param("last", page.last())
                .param("now", Db.ts(now)).param("rollover", rollover).param("nextOccurrence", Db.ts(page.nextOccurrenceAt()))
                .param("occurrence", page.occurrence()).update();
        if (updated == 0) {
            return false;
        }
        occurrences.advance(id, page, now);
        OccurrenceStore.addSkips(jdbc, "campaign_skips", Map.of("campaign_id", id), page.skipped());
        if (page.last() && !rollover) {
            announce(id, Campaign.COMPLETED, Campaign.COMPLETED, null, now);
        }
        return true;
    }

    /** Stops a running campaign that cannot go on (no sender, no balance) without moving its cursor. */
    @Transactional
    void halt(long id, String node, String status, String failure, Instant now) {
        int halted = jdbc.sql("""
                update campaigns set status = :status, failure = :failure, lease_owner = null, lease_until = null,
                       finished_at = case when :status = 'failed' then :now else finished_at end
                where id = :id and lease_owner = :node and status = 'running'""")
                .param("id", id).param("node", node).param("status", status).param("failure", failure)
                .param("now", Db.ts(now)).update();
        if (halted == 1) {
            announce(id, status, status, failure, now);
        }
    }

    /** Atomic increments: concurrent listeners add up instead of overwriting each other. */
    private String routine(long id) {
        return jdbc.sql("select routine from campaign_routines where campaign_id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
    }

    private Map<String, Long> skips(long id) {
        Map<String, Long> skipped = new LinkedHashMap<>();
        jdbc.sql("select reason, n from campaign_skips where campaign_id = :id order by reason").param("id", id)
                .query(rs -> {
                    skipped.put(rs.getString(1), rs.getLong(2));
                });
        return skipped;
    }

    private Campaign row(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        int rate = rs.getInt("rate_per_minute");
        Integer ratePerMinute = rs.wasNull() ? null : rate;
        var stats = Campaign.Stats.of(rs, skips(id), shards.ofCampaign(id));
        return new Campaign(id, rs.getLong("workspace_id"), rs.getString("name"), rs.getLong("segment_id"),
                rs.getLong("template_id"), rs.getString("channel"), rs.getString("from_address"),
                rs.getString("purpose"), ratePerMinute, rs.getString("schedule_type"), Db.instant(rs, "start_at"),
                rs.getString("status"), rs.getInt("occurrence"), rs.getLong("cursor_id"), rs.getString("failure"),
                stats, Db.instant(rs, "created_at"), Db.instant(rs, "started_at"), Db.instant(rs, "finished_at"),
                routine(id), rs.getString("channels"), rs.getBoolean("cheapest"));
    }
}
