package dev.recado.campaigns.internal;

import dev.recado.common.Db;
import dev.recado.common.PruningJob;
import dev.recado.common.PruningSettings;
import dev.recado.messaging.MarketingCounters;
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
 * Retention for the rows campaigns leave behind: clicks older than {@code recado.retention.campaign-days},
 * and of campaigns finished before then their tracked links, counted-once marks and A/B variant
 * rows; template and segment snapshots of those campaigns and any a later occurrence superseded;
 * and the engine's frequency-cap counters with no send since then. One node at a time, in
 * batches ({@link PruningJob}). The campaigns' own counters
 * and unsubscribe links stay: reports keep their totals, and an old email's unsubscribe link works.
 */
@Component
class CampaignPruner extends PruningJob {

    private static final Logger log = LoggerFactory.getLogger(CampaignPruner.class);
    private static final String JOB = "campaign_prune";
    private final JdbcClient jdbc;
    private final MarketingCounters counters;
    private final int retentionDays;

    CampaignPruner(JdbcClient jdbc, MarketingCounters counters, Clock clock,
            @Value("${recado.retention.campaign-days:365}") int retentionDays, PruningSettings settings) {
        super(JOB, "campaign-pruner", jdbc, clock, settings);
        this.jdbc = jdbc;
        this.counters = counters;
        this.retentionDays = retentionDays;
    }

    @Override
    protected boolean enabled() {
        return retentionDays > 0;
    }

    @Override
    protected long pruneDue(Instant now, int batch, Runnable renew) {
        Instant before = now.minus(Duration.ofDays(retentionDays));
        long deleted = 0;
        // keys read first, then deleted by key: a delete over a limited subquery removes too few on H2
        deleted += inBatches(renew, "select id from link_clicks where clicked_at < :before fetch first :n rows only",
                "delete from link_clicks where id in (:keys)", before, batch, Long.class);
        deleted += inBatches(renew, """
                select code from campaign_links
                where kind = 'link' and campaign_id in (select id from campaigns where finished_at < :before)
                fetch first :n rows only""", "delete from campaign_links where code in (:keys)", before, batch, String.class);
        deleted += inBatches(renew, """
                select message_id from campaign_ab_messages
                where campaign_id in (select id from campaigns where finished_at < :before) fetch first :n rows only""",
                "delete from campaign_ab_messages where message_id in (:keys)", before, batch, Long.class);
        deleted += inBatches(renew, """
                select distinct k.message_id from campaign_counted k join messages m on m.id = k.message_id
                where m.campaign_id in (select id from campaigns where finished_at < :before)
                fetch first :n rows only""", "delete from campaign_counted where message_id in (:keys)", before, batch,
                Long.class);
        // the campaign's template and segment copies: all of a campaign finished before the cutoff, and
        // of any other every copy a later occurrence superseded (fallbacks read only the latest)
        deleted += inBatches(renew, "select distinct s.campaign_id from campaign_snapshots s where " + SNAPSHOT_DONE
                + " fetch first :n rows only", "delete from campaign_snapshots where campaign_id in (:keys) and "
                + SNAPSHOT_DONE.replace("s.", "campaign_snapshots."), before, batch, Long.class);
        deleted += counters.pruneBefore(before, now, batch);
        if (deleted > 0) {
            log.info("Pruned {} campaign rows older than {}", deleted, before);
        }
        return deleted;
    }

    private static final String SNAPSHOT_DONE = """
            (s.campaign_id in (select id from campaigns where finished_at < :before)
             or exists (select 1 from campaign_snapshots n where n.campaign_id = s.campaign_id and n.kind = s.kind
                        and n.source_id = s.source_id and n.occurrence > s.occurrence))""";

    /** Reads up to a batch of keys and deletes their rows, until a batch comes back short; the lease renewed before each. */
    private <K> long inBatches(Runnable renew, String select, String delete, Instant before, int batch, Class<K> key) {
        long total = 0;
        while (true) {
            renew.run();
            List<K> keys = jdbc.sql(select).param("before", Db.ts(before)).param("n", batch).query(key).list();
            if (!keys.isEmpty()) {
                total += jdbc.sql(delete).param("keys", keys).param("before", Db.ts(before)).update();
            }
            if (keys.size() < batch) {
                return total;
            }
        }
    }
}
