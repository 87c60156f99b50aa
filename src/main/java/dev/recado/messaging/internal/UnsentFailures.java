package dev.recado.messaging.internal;

import dev.recado.billing.BillingManagement;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.MessageStatusChanged;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends messages that never reached a provider (expired while waiting, stranded on a stopped
 * sender): moved to their final status in one transaction with their announcements, in which each
 * gives back exactly what it reserved ({@link #release}).
 */
@Component
class UnsentFailures {

    /** A message that was never submitted, with what failing it and giving its money back need. */
    record Unsent(long id, long workspaceId, Long contactId, Long campaignId, String to, String statusCallback,
            BigDecimal price, String channel) {

        static Unsent of(DispatchQueue.Claimed m) {
            return new Unsent(m.id(), m.workspaceId(), m.contactId(), m.campaignId(), m.to(), m.statusCallback(),
                    m.price(), m.channel());
        }
    }

    private final MessageOutcomes store;
    private final BillingManagement billing;
    private final OutcomeAnnouncer announcer;
    private final TransactionTemplate tx;
    private final Clock clock;

    UnsentFailures(MessageOutcomes store, BillingManagement billing, OutcomeAnnouncer announcer,
            TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.billing = billing;
        this.announcer = announcer;
        // its own transaction: it may run just after another one committed, still on that thread
        this.tx = new TransactionTemplate(tx.getTransactionManager());
        this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Ends those still queued or scheduled; returns how many it ended (others had moved on). */
    int end(List<Unsent> messages, MessageStatus status, String code, String text) {
        return end(messages, status, code, text, (ended, now) -> {
        });
    }

    /** What else must be written with the messages' end, for exactly those it ended, in its transaction. */
    interface AlsoRecord {
        void ended(List<Unsent> ended, Instant now);
    }

    /** As {@link #end(List, MessageStatus, String, String)}, {@code also} in the same transaction. */
    int end(List<Unsent> messages, MessageStatus status, String code, String text, AlsoRecord also) {
        Instant now = clock.instant();
        List<Unsent> ended = new ArrayList<>();
        tx.executeWithoutResult(t -> {
            Set<Long> moved = new HashSet<>(store.fail(messages.stream()
                    .map(m -> new MessageOutcomes.Failure(m.id(), status.toString(), code, text)).toList(), now));
            List<MessageStatusChanged> events = new ArrayList<>();
            for (Unsent m : messages) {
                if (moved.contains(m.id())) {
                    ended.add(m);
                    announcer.announce(events, new ReceiptStore.MessageRef(m.id(), m.workspaceId(), m.contactId(),
                            m.campaignId(), m.to(), m.statusCallback(), null, m.channel()), status, code, now);
                }
            }
            release(ended);
            also.ended(ended, now);
            announcer.publish(events);
        });
        return ended.size();
    }

    /**
     * The one place an unsent message gives its money back, in the transaction that ends it:
     * exactly what it reserved, its price (a message never submitted is never settled).
     */
    private void release(List<Unsent> ended) {
        for (Unsent m : ended) {
            billing.release(m.workspaceId(), m.price());
        }
    }
}
