package dev.recado.common;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Says at start when PostgreSQL runs without autovacuum. Recado's queue tables (`dispatch_queue`,
 * `receipt_inbox`) are rewritten for every message and need vacuuming, and its bulk paths (a
 * campaign's recipient pages, dispatch claims) need fresh planner statistics: without autovacuum
 * `messages` is never analyzed, and the campaign benchmark's exactly-once lookup turned from an
 * index probe into a scan of the workspace's messages, growing slower with every page (5 s a page
 * at 800,000 messages). Found on a machine whose PostgreSQL had it off for CI.
 */
@Component
class AutovacuumCheck {

    private static final Logger log = LoggerFactory.getLogger(AutovacuumCheck.class);

    private final JdbcClient jdbc;
    private final IdBlocks database;

    AutovacuumCheck(JdbcClient jdbc, IdBlocks database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfOff() {
        warning().ifPresent(log::warn);
    }

    Optional<String> warning() {
        if (!database.postgres() || !"off".equals(jdbc.sql("show autovacuum").query(String.class).single())) {
            return Optional.empty();
        }
        return Optional.of("PostgreSQL runs with autovacuum = off: Recado's queue tables will bloat and its "
                + "planner statistics go stale, which slows dispatch and campaigns more with every message. "
                + "Turn it on (the default) in postgresql.conf.");
    }
}
