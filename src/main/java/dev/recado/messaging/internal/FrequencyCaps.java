package dev.recado.messaging.internal;

import dev.recado.common.SetStatements;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The per-contact counters behind the frequency cap ({@code frequency_counts}). In the accepting
 * transaction the batch's rows are created if missing and locked in contact id order, so a second
 * batch for the same contacts (another campaign, another node) waits for this one to commit and
 * then reads what it recorded: the cap holds under concurrency on PostgreSQL and H2 alike, and the
 * id order keeps two batches from locking each other.
 */
@Repository
class FrequencyCaps {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    FrequencyCaps(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The recorded send times of these contacts, their rows locked until the transaction ends. */
    Map<Long, List<Instant>> lock(Collection<Long> contactIds) {
        List<Long> sorted = List.copyOf(new TreeSet<>(contactIds));
        template.batchUpdate("insert into frequency_counts (contact_id, sends) values (?, '') on conflict do nothing",
                sorted, 1000, (ps, id) -> ps.setLong(1, id));
        Map<Long, List<Instant>> sends = new HashMap<>();
        for (int from = 0; from < sorted.size(); from += 1000) {
            jdbc.sql("select contact_id, sends from frequency_counts where contact_id = any(:ids) order by contact_id for update")
                    .param("ids", SetStatements.bigints(sorted.subList(from, Math.min(sorted.size(), from + 1000))))
                    .query(rs -> {
                        sends.put(rs.getLong(1), parse(rs.getString(2)));
                    });
        }
        return sends;
    }

    /** A row's {@code sends} as a list the caller may change. */
    static List<Instant> parse(String stored) {
        return stored == null || stored.isEmpty() ? new ArrayList<>() : Arrays.stream(stored.split(","))
                .map(s -> Instant.ofEpochSecond(Long.parseLong(s))).collect(Collectors.toCollection(ArrayList::new));
    }

    /** Writes back the send times kept for each contact (the caller dropped those past the period). */
    void record(Map<Long, List<Instant>> sends) {
        template.batchUpdate("update frequency_counts set sends = ? where contact_id = ?", List.copyOf(sends.entrySet()),
                1000, (ps, e) -> {
                    ps.setString(1, e.getValue().stream().map(t -> Long.toString(t.getEpochSecond()))
                            .collect(Collectors.joining(",")));
                    ps.setLong(2, e.getKey());
                });
    }
}
