package dev.recado.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One job of {@code maintenance_jobs} that runs once across all nodes: a node takes the row when the
 * job is due and nobody holds a live lease, renews the lease between batches (losing it stops the
 * run), and marks the run done, so a node that dies mid-run leaves the job to another after
 * {@code lease}.
 */
public final class MaintenanceLease {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String job;
    private final String node;
    private final Duration lease;

    public MaintenanceLease(JdbcClient jdbc, Clock clock, String job, String node, Duration lease) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.job = job;
        this.node = node;
        this.lease = lease;
    }

    /** This node's name in {@code lease_owner}: the configured node id, else one made up for this process. */
    public static String nodeName(String nodeId) {
        return nodeId == null || nodeId.isBlank() ? "node-" + java.util.UUID.randomUUID().toString().substring(0, 8) : nodeId;
    }

    /** Takes the job when its last run is at least {@code every} old and nobody else holds it. */
    public boolean claim(Instant now, Duration every) {
        return jdbc.sql("""
                update maintenance_jobs set lease_owner = :node, lease_until = :until
                where name = :job and (lease_until is null or lease_until < :now or lease_owner = :node)
                  and (last_run_at is null or last_run_at <= :due)""")
                .param("node", node).param("until", Db.ts(now.plus(lease))).param("job", job)
                .param("now", Db.ts(now)).param("due", Db.ts(now.minus(every))).update() == 1;
    }

    /** Extends the lease before the next batch; throws when another node took the job meanwhile. */
    public void renew() {
        if (jdbc.sql("update maintenance_jobs set lease_until = :until where name = :job and lease_owner = :node")
                .param("until", Db.ts(clock.instant().plus(lease))).param("job", job).param("node", node).update() != 1) {
            throw new IllegalStateException("lost the lease of " + job);
        }
    }

    /** The run is over: due again after its interval, free for any node. */
    public void finish(Instant now) {
        jdbc.sql("update maintenance_jobs set last_run_at = :now, lease_owner = null, lease_until = null"
                + " where name = :job and lease_owner = :node")
                .param("now", Db.ts(now)).param("job", job).param("node", node).update();
    }
}
