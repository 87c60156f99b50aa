package dev.recado.campaigns.internal;

import dev.recado.common.SetStatements;
import dev.recado.messaging.MessageStatusChanged;
import dev.recado.messaging.MessageStatusesChanged;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the campaigns' sent, delivered, undelivered, failed and canceled counters from the
 * engine's status events, and those of the occurrence each message belongs to (read off its client
 * reference, {@code cmp:<campaign>:<occurrence>:<contact>}). Each (message, counter) is recorded
 * once, so an event the registry publishes again after a crash adds nothing; the counters
 * themselves move by atomic increments of {@link CountShards}, the campaign's being the sum of its
 * occurrences'.
 */
@Component
class CampaignCounters {

    private final CountShards shards;
    private final JdbcClient jdbc;
    private final CountedOnce countedOnce;

    CampaignCounters(CountShards shards, JdbcClient jdbc, CountedOnce countedOnce) {
        this.countedOnce = countedOnce;
        this.shards = shards;
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(MessageStatusesChanged batch) {
        Map<Long, List<String>> counted = new HashMap<>();
        // the campaign and occurrence are read off each message's client reference (byOccurrence)
        java.util.Set<CountedOnce.Pair> pairs = new java.util.LinkedHashSet<>();
        for (MessageStatusChanged c : batch.changes()) {
            String counter = counter(c);
            if (c.campaignId() != null && counter != null) {
                pairs.add(new CountedOnce.Pair(c.messageId(), counter));
            }
        }
        for (CountedOnce.Pair p : countedOnce.record(List.copyOf(pairs))) {
            counted.computeIfAbsent(p.messageId(), k -> new ArrayList<>()).add(p.counter());
        }
        shards.add(byOccurrence(counted));
    }

    private Map<CountShards.Key, Map<String, Long>> byOccurrence(Map<Long, List<String>> counted) {
        Map<CountShards.Key, Map<String, Long>> deltas = new HashMap<>();
        List<Long> ids = new ArrayList<>(counted.keySet());
        for (int from = 0; from < ids.size(); from += 1000) {
            jdbc.sql("select id, client_ref from messages where id = any(:ids)")
                    .param("ids", SetStatements.bigints(ids.subList(from, Math.min(ids.size(), from + 1000))))
                    .query(rs -> {
                        String[] ref = rs.getString(2) == null ? new String[0] : rs.getString(2).split(":");
                        if (ref.length == 4 && ref[0].equals("cmp")) {
                            var d = deltas.computeIfAbsent(new CountShards.Key(Long.parseLong(ref[1]), Integer.parseInt(ref[2])),
                                    k -> new HashMap<>());
                            counted.get(rs.getLong(1)).forEach(counter -> d.merge(counter, 1L, Long::sum));
                        }
                    });
        }
        return deltas;
    }

    private static String counter(MessageStatusChanged c) {
        return switch (c.status()) {
            case SENT -> "sent";
            // a read receipt without a delivery receipt still means delivered; counted once either way
            case DELIVERED, READ -> "delivered";
            case UNDELIVERED -> "undelivered";
            case FAILED, EXPIRED, REJECTED -> "failed";
            case CANCELED -> "canceled";
            default -> null;
        };
    }
}
