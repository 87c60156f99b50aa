package dev.recado.campaigns.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The engine's status counts per campaign occurrence, kept in {@link #SHARDS} rows each so that
 * concurrent status listeners rarely wait for one another's row lock. A listener's transaction adds
 * all its deltas to one shard, in (campaign, occurrence) order, so two transactions never lock the
 * same rows in opposite orders. Reads sum the shards.
 */
@Repository
class CountShards {

    static final int SHARDS = 8;
    static final List<String> COUNTERS = List.of("sent", "delivered", "undelivered", "failed", "canceled");

    record Key(long campaign, int occurrence) {
    }

    /** The counts of a campaign or an occurrence, by counter name ({@link #COUNTERS}). */
    record Counts(long sent, long delivered, long undelivered, long failed, long canceled) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0);
    }

    private static final String SUMS = """
            select coalesce(sum(sent), 0), coalesce(sum(delivered), 0), coalesce(sum(undelivered), 0),
                   coalesce(sum(failed), 0), coalesce(sum(canceled_count), 0)
              from campaign_count_shards where campaign_id = :id""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    CountShards(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Adds each occurrence's deltas in the caller's transaction. */
    void add(Map<Key, Map<String, Long>> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        int shard = ThreadLocalRandom.current().nextInt(SHARDS);
        List<Map.Entry<Key, Map<String, Long>>> ordered = new ArrayList<>(deltas.entrySet());
        ordered.sort(Map.Entry.comparingByKey(
                Comparator.comparingLong(Key::campaign).thenComparingInt(Key::occurrence)));
        int[] updated = update(ordered, shard);
        List<Map.Entry<Key, Map<String, Long>>> missing = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                missing.add(ordered.get(i));
            }
        }
        if (!missing.isEmpty()) {
            // the shard's first count: make its row (another transaction may be making it too), then add
            template.batchUpdate("""
                    insert into campaign_count_shards (campaign_id, occurrence, shard) values (?, ?, ?)
                    on conflict do nothing""", missing, missing.size(), (ps, e) -> {
                ps.setLong(1, e.getKey().campaign());
                ps.setInt(2, e.getKey().occurrence());
                ps.setInt(3, shard);
            });
            update(missing, shard);
        }
    }

    private int[] update(List<Map.Entry<Key, Map<String, Long>>> entries, int shard) {
        int[][] counts = template.batchUpdate("""
                update campaign_count_shards set sent = sent + ?, delivered = delivered + ?,
                       undelivered = undelivered + ?, failed = failed + ?, canceled_count = canceled_count + ?
                 where campaign_id = ? and occurrence = ? and shard = ?""", entries, entries.size(), (ps, e) -> {
            for (int i = 0; i < COUNTERS.size(); i++) {
                ps.setLong(i + 1, e.getValue().getOrDefault(COUNTERS.get(i), 0L));
            }
            ps.setLong(6, e.getKey().campaign());
            ps.setInt(7, e.getKey().occurrence());
            ps.setInt(8, shard);
        });
        return counts.length == 0 ? new int[0] : counts[0];
    }

    /** A campaign's counts over all its occurrences. */
    Counts ofCampaign(long campaignId) {
        return jdbc.sql(SUMS).param("id", campaignId).query(CountShards::counts).single();
    }

    Counts ofOccurrence(long campaignId, int occurrence) {
        return jdbc.sql(SUMS + " and occurrence = :o").param("id", campaignId).param("o", occurrence)
                .query(CountShards::counts).single();
    }

    private static Counts counts(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }
}
