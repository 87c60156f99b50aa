package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.common.MaintenanceLease;
import dev.recado.common.PollingWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention for customers' files ({@code recado.retention.media-days}, default 90, 0 keeps them):
 * the media of inbound messages older than that become {@code expired} (the message and its media
 * metadata stay; the file answers 404), then files no stored media refers to any more, and not
 * stored again since the cutoff, are deleted with their chunks. One node at a time through the
 * {@code media_prune} row of {@code maintenance_jobs}; each batch its own short transaction.
 */
@Component
class MediaPruner extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(MediaPruner.class);
    static final String JOB = "media_prune";
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int retentionDays;
    private final Duration every;
    private final int batch;
    private final String node;

    MediaPruner(JdbcClient jdbc, TransactionTemplate tx, Clock clock,
            @Value("${recado.retention.media-days:90}") int retentionDays,
            @Value("${recado.retention.prune-every-minutes:60}") long everyMinutes,
            @Value("${recado.retention.batch:1000}") int batch,
            @Value("${recado.node-id:}") String nodeId) {
        super("media-pruner", Duration.ofMinutes(1), 400);
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.retentionDays = retentionDays;
        this.every = Duration.ofMinutes(everyMinutes);
        this.batch = batch;
        this.node = MaintenanceLease.nodeName(nodeId);
    }

    @Override
    protected boolean enabled() {
        return retentionDays > 0;
    }

    @Override
    protected boolean pass() {
        prune(node, clock.instant());
        return false;
    }

    @Override
    protected void failed(RuntimeException e) {
        log.warn("Media pruning failed: {}", e.toString());
    }

    /** Runs the job if due and free; answers the files deleted, or -1 when another node has it or it is not due. */
    long prune(String node, Instant now) {
        var lease = new MaintenanceLease(jdbc, clock, JOB, node, LEASE);
        if (!lease.claim(now, every)) {
            return -1;
        }
        Instant before = now.minus(Duration.ofDays(retentionDays));
        long expired = 0;
        List<Long> messages;
        do {
            lease.renew();
            messages = jdbc.sql("""
                    select i.message_id from inbound_media i join messages m on m.id = i.message_id
                     where i.state = 'stored' and m.created_at < :before fetch first :n rows only""")
                    .param("before", Db.ts(before)).param("n", batch).query(Long.class).list();
            if (!messages.isEmpty()) {
                expired += jdbc.sql("""
                        update inbound_media set state = 'expired', error = 'kept for ' || :days || ' days', updated_at = :now
                         where message_id in (:ids) and state = 'stored'""")
                        .param("days", String.valueOf(retentionDays)).param("now", Db.ts(now)).param("ids", messages)
                        .update();
            }
        } while (messages.size() == batch);
        long deleted = 0;
        List<String> files;
        do {
            lease.renew();
            files = jdbc.sql(UNUSED + " fetch first :n rows only").param("before", Db.ts(before)).param("n", batch)
                    .query(String.class).list();
            for (String sha256 : files) {
                deleted += deleteIfUnused(sha256, before);
            }
        } while (files.size() == batch);
        lease.finish(now);
        if (expired + deleted > 0) {
            log.info("Media retention: {} messages' media expired, {} files deleted (stored before {})", expired, deleted,
                    before);
        }
        return deleted;
    }

    /** Files last stored before the cutoff that no stored media refers to. */
    private static final String UNUSED = """
            select f.sha256 from media_files f where f.created_at < :before
               and not exists (select 1 from inbound_media i where i.sha256 = f.sha256 and i.state = 'stored')""";

    /**
     * The file row goes first under the same guard as the select, then its chunks, in one
     * transaction: a file received again meanwhile (its row touched by {@link MediaFiles#store}) stays.
     */
    private int deleteIfUnused(String sha256, Instant before) {
        Integer gone = tx.execute(status -> {
            int files = jdbc.sql("delete from media_files where sha256 = :s and sha256 in (" + UNUSED + ")")
                    .param("s", sha256).param("before", Db.ts(before)).update();
            if (files == 1) {
                jdbc.sql("delete from media_chunks where sha256 = :s").param("s", sha256).update();
            }
            return files;
        });
        return gone == null ? 0 : gone;
    }
}
