package dev.recado.messaging.internal;

import dev.recado.billing.BillingManagement;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.MessageStatusChanged;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The clockwork of the queue: scheduled messages fall due, expired ones end, stale data goes. */
@Component
class Maintenance {

    private final DispatchQueue queue;
    private final MessageOutcomes outcomes;
    private final BillingManagement billing;
    private final OutcomeAnnouncer announcer;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    Maintenance(DispatchQueue queue, MessageOutcomes outcomes, BillingManagement billing, OutcomeAnnouncer announcer, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.queue = queue;
        this.outcomes = outcomes;
        this.billing = billing;
        this.announcer = announcer;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void promoteScheduled() {
        queue.promoteScheduled(clock.instant());
    }

    @Scheduled(fixedDelay = 5000, initialDelay = 2000)
    void expire() {
        var now = clock.instant();
        var due = queue.dueToExpire(now, 1000);
        if (due.isEmpty()) {
            return;
        }
        Map<Long, BigDecimal> releases = new HashMap<>();
        tx.executeWithoutResult(status -> {
            var moved = outcomes.fail(due.stream().map(m -> new MessageOutcomes.Failure(m.id(), "expired", "validity_expired",
                    "the validity period ended before the message could be sent")).toList(), now);
            List<MessageStatusChanged> events = new ArrayList<>();
            for (var m : due) {
                if (moved.contains(m.id())) {
                    releases.merge(m.workspaceId(), m.price(), BigDecimal::add);
                    announcer.announce(events, new ReceiptStore.MessageRef(m.id(), m.workspaceId(), m.contactId(),
                            m.campaignId(), m.to(), m.statusCallback(), null), MessageStatus.EXPIRED, "validity_expired", now);
                }
            }
            releases.forEach(billing::release);
            announcer.publish(events);
        });
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    void purge() {
        jdbc.sql("delete from early_receipts where received_at < :cutoff")
                .param("cutoff", dev.recado.common.Db.ts(clock.instant().minus(Duration.ofDays(7)))).update();
    }
}
