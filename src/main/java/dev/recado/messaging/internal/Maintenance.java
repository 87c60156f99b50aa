package dev.recado.messaging.internal;

import dev.recado.messaging.MessageStatus;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The clockwork of the queue: scheduled messages fall due, expired ones end, stale data goes. */
@Component
class Maintenance {

    private final DispatchQueue queue;
    private final UnsentFailures unsent;
    private final JdbcClient jdbc;
    private final Clock clock;

    Maintenance(DispatchQueue queue, UnsentFailures unsent, JdbcClient jdbc, Clock clock) {
        this.queue = queue;
        this.unsent = unsent;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void promoteScheduled() {
        queue.promoteScheduled(clock.instant());
    }

    @Scheduled(fixedDelay = 5000, initialDelay = 2000)
    void expire() {
        var due = queue.dueToExpire(clock.instant(), 1000);
        if (!due.isEmpty()) {
            unsent.end(due.stream().map(UnsentFailures.Unsent::of).toList(), MessageStatus.EXPIRED, "validity_expired",
                    "the validity period ended before the message could be sent");
        }
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    void purge() {
        jdbc.sql("delete from early_receipts where received_at < :cutoff")
                .param("cutoff", dev.recado.common.Db.ts(clock.instant().minus(Duration.ofDays(7)))).update();
        // a hold ended a day ago counts no strikes any more (they start over after ten quiet minutes)
        jdbc.sql("delete from recipient_holds where until < :cutoff")
                .param("cutoff", dev.recado.common.Db.ts(clock.instant().minus(Duration.ofDays(1)))).update();
        // a conversation typed in a day ago claims its next indicator by inserting the row again
        jdbc.sql("delete from typing_indicators where sent_at < :cutoff")
                .param("cutoff", dev.recado.common.Db.ts(clock.instant().minus(Duration.ofDays(1)))).update();
    }
}
