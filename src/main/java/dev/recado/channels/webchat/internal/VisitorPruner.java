package dev.recado.channels.webchat.internal;

import dev.recado.common.Db;
import dev.recado.common.PruningJob;
import dev.recado.common.PruningSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every page view of a site with the widget makes a visitor, and most never write. Those older than
 * {@code recado.webchat.visitor-days} (30) with no line in their chat, no pre-chat form and no
 * contact are deleted in batches, once per interval across nodes ({@link PruningJob}). Such a
 * visitor coming back is simply a new one: it had nothing to keep.
 */
@Component
class VisitorPruner extends PruningJob {

    private static final Logger log = LoggerFactory.getLogger(VisitorPruner.class);
    private static final String JOB = "webchat_visitor_prune";
    /** The conditions are read again by the delete: a visitor that wrote meanwhile stays. */
    private static final String SILENT = """
            v.created_at < :before and v.form_at is null
            and not exists (select 1 from webchat_events e where e.visitor_id = v.id)
            and not exists (select 1 from contact_channel_ids c
                            where c.workspace_id = v.workspace_id and c.channel = 'webchat' and c.external_id = v.public_id)""";

    private final JdbcClient jdbc;
    private final int keepDays;

    VisitorPruner(JdbcClient jdbc, Clock clock, @Value("${recado.webchat.visitor-days:30}") int keepDays,
            PruningSettings settings) {
        super(JOB, "webchat-visitor-pruner", jdbc, clock, settings);
        this.jdbc = jdbc;
        this.keepDays = keepDays;
    }

    @Override
    protected boolean enabled() {
        return keepDays > 0;
    }

    @Override
    protected long pruneDue(Instant now, int batch, Runnable renew) {
        Instant before = now.minus(Duration.ofDays(keepDays));
        long deleted = 0;
        while (true) {
            renew.run();
            // keys read first, then deleted by key: a delete over a limited subquery removes too few on H2
            List<Long> keys = jdbc.sql("select v.id from webchat_visitors v where " + SILENT
                            + " order by v.created_at fetch first :n rows only")
                    .param("before", Db.ts(before)).param("n", batch).query(Long.class).list();
            if (!keys.isEmpty()) {
                deleted += jdbc.sql("delete from webchat_visitors v where v.id in (:keys) and " + SILENT)
                        .param("keys", keys).param("before", Db.ts(before)).update();
            }
            if (keys.size() < batch) {
                break;
            }
        }
        if (deleted > 0) {
            log.info("Pruned {} web chat visitors who never wrote, older than {}", deleted, before);
        }
        return deleted;
    }
}
