package dev.recado.campaigns.internal;

import dev.recado.common.Db;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each occurrence of a campaign (a routine's runs; occurrence 1 of any other campaign) with its
 * own counters: the fan-out's in the transaction that moves the campaign's cursor, the engine's
 * status counts from {@link CampaignCounters} (in {@link CountShards}).
 */
@Repository
class OccurrenceStore {

    record Occurrence(long campaignId, int occurrence, Instant dueAt, Instant startedAt, Instant finishedAt,
            Campaign.Stats stats) {
    }

    private final JdbcClient jdbc;
    private final CountShards shards;

    OccurrenceStore(JdbcClient jdbc, CountShards shards) {
        this.jdbc = jdbc;
        this.shards = shards;
    }

    /** The row of the occurrence a page belongs to, made by its first page. */
    void begin(long campaignId, int occurrence, Instant dueAt, Instant now) {
        jdbc.sql("""
                insert into campaign_occurrences (campaign_id, occurrence, due_at, started_at)
                values (:id, :occurrence, :due, :now) on conflict do nothing""")
                .param("id", campaignId).param("occurrence", occurrence).param("due", Db.ts(dueAt))
                .param("now", Db.ts(now)).update();
    }

    /** Called in the transaction of the campaign's guarded cursor write, so it counts each page once. */
    void advance(long campaignId, CampaignStore.PageResult page, Instant now) {
        jdbc.sql("""
                update campaign_occurrences set targeted = targeted + :targeted, accepted = accepted + :accepted,
                       cost = cost + :cost, finished_at = case when :last then :now else finished_at end
                where campaign_id = :id and occurrence = :occurrence""")
                .param("targeted", page.targeted()).param("accepted", page.accepted()).param("cost", page.cost())
                .param("last", page.last()).param("now", Db.ts(now)).param("id", campaignId)
                .param("occurrence", page.occurrence()).update();
        addSkips(jdbc, "campaign_occurrence_skips", Map.of("campaign_id", campaignId, "occurrence", page.occurrence()),
                page.skipped());
    }

    /**
     * Adds skip counts to a skips table keyed by {@code key} columns and reason. Only the campaign's
     * lease holder writes them, so nobody inserts the same reason concurrently. {@code table} and
     * the key's column names are this module's, never input.
     */
    static void addSkips(JdbcClient jdbc, String table, Map<String, Object> key, Map<String, Long> skipped) {
        String where = key.keySet().stream().map(c -> c + " = :" + c).reduce((a, b) -> a + " and " + b).orElseThrow();
        skipped.forEach((reason, n) -> {
            int bumped = jdbc.sql("update " + table + " set n = n + :n where " + where + " and reason = :reason")
                    .params(key).param("n", n).param("reason", reason).update();
            if (bumped == 0) {
                jdbc.sql("insert into " + table + " (" + String.join(", ", key.keySet()) + ", reason, n) values (:"
                        + String.join(", :", key.keySet()) + ", :reason, :n)")
                        .params(key).param("n", n).param("reason", reason).update();
            }
        });
    }

    /** Atomic increments of one occurrence's status counters. */
    /** Newest first, before occurrence {@code before}. */
    List<Occurrence> list(long campaignId, long before, int limit) {
        return jdbc.sql("""
                select * from campaign_occurrences where campaign_id = :id and occurrence < :before
                order by occurrence desc fetch first :limit rows only""")
                .param("id", campaignId).param("before", before).param("limit", limit)
                .query((rs, n) -> {
                    int occurrence = rs.getInt("occurrence");
                    var stats = Campaign.Stats.of(rs, skips(campaignId, occurrence),
                            shards.ofOccurrence(campaignId, occurrence));
                    return new Occurrence(campaignId, occurrence, Db.instant(rs, "due_at"),
                            Db.instant(rs, "started_at"), Db.instant(rs, "finished_at"), stats);
                }).list();
    }

    private Map<String, Long> skips(long campaignId, int occurrence) {
        Map<String, Long> skipped = new LinkedHashMap<>();
        jdbc.sql("select reason, n from campaign_occurrence_skips where campaign_id = :id and occurrence = :o order by reason")
                .param("id", campaignId).param("o", occurrence)
                .query(rs -> {
                    skipped.put(rs.getString(1), rs.getLong(2));
                });
        return skipped;
    }
}
