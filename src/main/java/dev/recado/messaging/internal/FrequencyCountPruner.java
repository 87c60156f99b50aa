package dev.recado.messaging.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Deletes frequency-cap rows whose every send is older than a cutoff, a keyset page at a time. */
@Component
public class FrequencyCountPruner {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    FrequencyCountPruner(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** {@code before}, or earlier when a workspace's cap period reaches further back from {@code now}. */
    public Instant safeCutoff(Instant before, Instant now) {
        int days = jdbc.sql("select coalesce(max(cap_days), 0) from marketing_rules").query(Integer.class).single();
        Instant capStart = now.minus(java.time.Duration.ofDays(days));
        return capStart.isBefore(before) ? capStart : before;
    }

    /**
     * One page of up to {@code batch} rows after contact {@code afterContactId}; answers the last
     * contact id read (-1 when the table is done) and adds the rows deleted to {@code deleted[0]}.
     */
    public long prunePage(Instant before, long afterContactId, int batch, long[] deleted) {
        long cutoff = before.getEpochSecond();
        List<Object[]> stale = new ArrayList<>();
        long[] last = {-1};
        jdbc.sql("select contact_id, sends from frequency_counts where contact_id > :after order by contact_id"
                + " fetch first :n rows only").param("after", afterContactId).param("n", batch).query(rs -> {
                    last[0] = rs.getLong(1);
                    String sends = rs.getString(2);
                    if (sends.isEmpty() || Arrays.stream(sends.split(",")).mapToLong(Long::parseLong).max().orElse(0) < cutoff) {
                        stale.add(new Object[] {rs.getLong(1), sends});
                    }
                });
        if (!stale.isEmpty()) {
            // "and sends = ?": a row a send has changed since it was read stays
            for (int n : template.batchUpdate("delete from frequency_counts where contact_id = ? and sends = ?", stale)) {
                deleted[0] += Math.max(n, 0);
            }
        }
        return last[0];
    }
}
