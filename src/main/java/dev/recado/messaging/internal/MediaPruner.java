package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.common.PruningJob;
import dev.recado.common.PruningSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention for customers' files, per workspace ({@link MediaRetention}: its own days, else
 * {@code recado.retention.media-days}, default 90; 0 keeps them): the media of inbound messages
 * older than their workspace's retention become {@code expired} (the message and its media metadata
 * stay; the file answers 404), then files no stored media of any workspace refers to any more (files
 * are kept by digest, so two workspaces may share one), and not stored again within the shortest
 * retention in force, are deleted with their chunks. One node at a time through the
 * {@code media_prune} row of {@code maintenance_jobs}; each batch its own short transaction.
 */
@Component
class MediaPruner extends PruningJob {

    private static final Logger log = LoggerFactory.getLogger(MediaPruner.class);
    static final String JOB = "media_prune";

    /** Messages of one workspace with days of its own. */
    private static final String OWN = "m.workspace_id = :ws";
    /** Messages of every workspace without days of its own. */
    private static final String DEFAULT = "not exists (select 1 from media_retention r where r.workspace_id = m.workspace_id)";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final MediaRetention retention;

    MediaPruner(JdbcClient jdbc, TransactionTemplate tx, Clock clock, MediaRetention retention,
            PruningSettings settings) {
        super(JOB, "media-pruner", jdbc, clock, settings);
        this.jdbc = jdbc;
        this.tx = tx;
        this.retention = retention;
    }

    /** The files deleted. */
    @Override
    protected long pruneDue(Instant now, int batch, Runnable renew) {
        long expired = 0;
        int shortest = Integer.MAX_VALUE;
        for (MediaRetention.Rule rule : retention.rules()) {
            if (rule.days() > 0) {
                expired += expire(now, rule.days(), OWN, rule.workspaceId(), batch, renew);
                shortest = Math.min(shortest, rule.days());
            }
        }
        if (retention.defaultDays() > 0) {
            expired += expire(now, retention.defaultDays(), DEFAULT, 0, batch, renew);
            shortest = Math.min(shortest, retention.defaultDays());
        }
        if (shortest == Integer.MAX_VALUE) {
            // every workspace keeps its files: none is expired, so none is left unused by retention
            return 0;
        }
        // a file is stored before its media says 'stored': one stored within any retention is left alone
        Instant before = now.minus(Duration.ofDays(shortest));
        long deleted = 0;
        List<String> files;
        do {
            renew.run();
            files = jdbc.sql(UNUSED + " fetch first :n rows only").param("before", Db.ts(before)).param("n", batch)
                    .query(String.class).list();
            for (String sha256 : files) {
                deleted += deleteIfUnused(sha256, before);
            }
        } while (files.size() == batch);
        if (expired + deleted > 0) {
            log.info("Media retention: {} messages' media expired, {} files deleted (unused, stored before {})", expired,
                    deleted, before);
        }
        return deleted;
    }

    /** Expires, a batch at a time, the stored media of the messages {@code which} selects older than {@code days}. */
    private long expire(Instant now, int days, String which, long workspaceId, int batch, Runnable renew) {
        Instant before = now.minus(Duration.ofDays(days));
        long expired = 0;
        List<Long> messages;
        do {
            renew.run();
            messages = jdbc.sql("""
                    select i.message_id from inbound_media i join messages m on m.id = i.message_id
                     where i.state = 'stored' and m.created_at < :before and""" + " " + which + " fetch first :n rows only")
                    .param("before", Db.ts(before)).param("ws", workspaceId).param("n", batch).query(Long.class).list();
            if (!messages.isEmpty()) {
                expired += jdbc.sql("""
                        update inbound_media set state = 'expired', error = 'kept for ' || :days || ' days', updated_at = :now
                         where message_id in (:ids) and state = 'stored'""")
                        .param("days", String.valueOf(days)).param("now", Db.ts(now)).param("ids", messages).update();
            }
        } while (messages.size() == batch);
        return expired;
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
