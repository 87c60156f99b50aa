package dev.recado.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A retention job: every node asks each minute, and one of them runs it once per interval, holding
 * the job's row in {@code maintenance_jobs} ({@link MaintenanceLease}) and renewing it before each
 * batch, each batch its own short statement, so a million rows never sit in one transaction.
 */
public abstract class PruningJob extends PollingWorker {

    private static final Duration LEASE = Duration.ofMinutes(5);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String job;
    private final MaintenanceLease lease;
    private final Clock clock;
    private final Duration every;
    private final int batch;
    private final String node;

    /** Runs once per {@code recado.retention.prune-every-minutes}. */
    protected PruningJob(String job, String threadName, JdbcClient jdbc, Clock clock, PruningSettings settings) {
        this(job, threadName, jdbc, clock, settings, settings.every());
    }

    /** A job with an interval of its own; a blank node id is a random name per start, enough to hold a lease. */
    protected PruningJob(String job, String threadName, JdbcClient jdbc, Clock clock, PruningSettings settings,
            Duration every) {
        super(threadName, Duration.ofMinutes(1), 400);
        this.job = job;
        this.lease = new MaintenanceLease(jdbc, clock, job, LEASE);
        this.clock = clock;
        this.every = every;
        this.batch = settings.batch();
        String nodeId = settings.node();
        this.node = nodeId.isBlank() ? "node-" + UUID.randomUUID().toString().substring(0, 8) : nodeId;
    }

    /** Deletes what is past retention at {@code now} in batches of {@code batch}, calling {@code renew} before each. */
    protected abstract long pruneDue(Instant now, int batch, Runnable renew);

    /** Runs the job as {@code node} if it is due and no other node holds it; the rows deleted, or -1 when it did not run. */
    public long prune(String node, Instant now, int batch) {
        if (!lease.claim(node, now, every)) {
            return -1;
        }
        long deleted = pruneDue(now, batch, () -> lease.renew(node));
        lease.finish(node, now);
        return deleted;
    }

    @Override
    protected boolean pass() {
        prune(node, clock.instant(), batch);
        return false;
    }

    @Override
    protected void failed(RuntimeException e) {
        log.warn("{} failed: {}", job, e.toString());
    }
}
