package dev.recado.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A job that must run once per interval across every node sharing the database: its row in
 * {@code maintenance_jobs} is claimed when due (last run older than the interval) and nobody holds
 * a live lease, the lease is renewed between batches, and a finished run is recorded.
 */
public final class MaintenanceLease {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String job;
    private final Duration lease;

    public MaintenanceLease(JdbcClient jdbc, Clock clock, String job, Duration lease) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.job = job;
        this.lease = lease;
    }

    /** Takes the job for {@code node} when it is due at {@code now} and nobody holds a live lease on it. */
    public boolean claim(String node, Instant now, Duration every) {
        return jdbc.sql("""
                update maintenance_jobs set lease_owner = :node, lease_until = :until
                where name = :job and (lease_until is null or lease_until < :now or lease_owner = :node)
                  and (last_run_at is null or last_run_at <= :due)""")
                .param("node", node).param("until", Db.ts(now.plus(lease))).param("job", job)
                .param("now", Db.ts(now)).param("due", Db.ts(now.minus(every))).update() == 1;
    }

    /** Before each batch: another node may take a lease that ran out, and then this one must stop. */
    public void renew(String node) {
        if (jdbc.sql("update maintenance_jobs set lease_until = :until where name = :job and lease_owner = :node")
                .param("until", Db.ts(clock.instant().plus(lease))).param("job", job).param("node", node).update() != 1) {
            throw new IllegalStateException("lost the lease of " + job);
        }
    }

    /** The run that started at {@code started} is done: the job is next due an interval after it. */
    public void finish(String node, Instant started) {
        jdbc.sql("update maintenance_jobs set last_run_at = :now, lease_owner = null, lease_until = null"
                + " where name = :job and lease_owner = :node")
                .param("now", Db.ts(started)).param("job", job).param("node", node).update();
    }
}
