package dev.recado.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.RecadoTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Status counts added by many concurrent transactions, each touching two campaigns' occurrences in
 * whatever order its map gives: every increment lands once, no transaction deadlocks, and an
 * occurrence never has more rows than shards.
 */
@RecadoTest
class CountShardsTest {

    @Autowired
    CountShards shards;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentAddsAreExactAndNeverDeadlock() throws Exception {
        long first = System.nanoTime();
        long second = first + 1;
        int threads = 8;
        int perThread = 40;
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean reversed = t % 2 == 0;
            work.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    Map<CountShards.Key, Map<String, Long>> deltas = new java.util.LinkedHashMap<>();
                    List<CountShards.Key> keys = List.of(new CountShards.Key(first, 1), new CountShards.Key(first, 2),
                            new CountShards.Key(second, 1));
                    for (CountShards.Key k : reversed ? keys.reversed() : keys) {
                        deltas.put(k, new HashMap<>(Map.of("sent", 1L, "delivered", 2L, "canceled", 3L)));
                    }
                    tx.executeWithoutResult(s -> shards.add(deltas));
                }
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (Future<Void> f : pool.invokeAll(work)) {
                f.get();
            }
        }

        long adds = (long) threads * perThread;
        assertThat(shards.ofCampaign(first)).isEqualTo(new CountShards.Counts(2 * adds, 4 * adds, 0, 0, 6 * adds));
        assertThat(shards.ofOccurrence(first, 2)).isEqualTo(new CountShards.Counts(adds, 2 * adds, 0, 0, 3 * adds));
        assertThat(shards.ofCampaign(second)).isEqualTo(new CountShards.Counts(adds, 2 * adds, 0, 0, 3 * adds));
        assertThat(shards.ofOccurrence(second, 2)).isEqualTo(CountShards.Counts.NONE);
        assertThat(jdbc.sql("select count(*) from campaign_count_shards where campaign_id = :id and occurrence = 1")
                .param("id", first).query(Long.class).single()).isBetween(1L, (long) CountShards.SHARDS);
    }
}
