package dev.recado.messaging.internal;

import dev.recado.billing.BillingManagement;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.MessageStatusChanged;
import dev.recado.messaging.spi.SubmitOutcome;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import dev.recado.common.PublicId;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes provider answers in batches: one transaction per batch moves the messages, records the
 * parts, charges the balance and publishes the status changes. Submits never wait on the database.
 */
@Component
class OutcomeWriter extends BatchingWorker<OutcomeWriter.Outcome> {

    record Outcome(long senderId, DispatchQueue.Claimed message, SubmitOutcome result) {
    }

    static final int MAX_ATTEMPTS = 8;
    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);

    private final MessageOutcomes store;
    private final DispatchQueue queue;
    private final ReceiptApplier receipts;
    private final BillingManagement billing;
    private final DeliveryCharges charges;
    private final OutcomeAnnouncer announcer;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration pairBackoff;

    OutcomeWriter(MessageOutcomes store, DispatchQueue queue, ReceiptApplier receipts, BillingManagement billing,
            DeliveryCharges charges, OutcomeAnnouncer announcer, TransactionTemplate tx, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${recado.dispatch.pair-backoff:PT6S}") Duration pairBackoff) {
        super("outcome-writer");
        this.pairBackoff = pairBackoff;
        this.store = store;
        this.queue = queue;
        this.receipts = receipts;
        this.billing = billing;
        this.charges = charges;
        this.announcer = announcer;
        this.tx = tx;
        this.clock = clock;
    }

    void add(Outcome outcome) {
        enqueue(outcome);
    }

    @Override
    void failed(List<Outcome> batch, RuntimeException error) {
        // the rows stay 'sending' and are reconciled at the next start; nothing is re-sent blindly
        log.error("Could not record {} submit outcomes", batch.size(), error);
    }

    @Override
    void write(List<Outcome> batch) {
        Instant now = clock.instant();
        List<MessageOutcomes.Sent> sent = new ArrayList<>();
        List<DispatchQueue.Retry> retries = new ArrayList<>();
        List<MessageOutcomes.Failure> failures = new ArrayList<>();
        List<Outcome> paced = new ArrayList<>();
        Map<Long, Outcome> byId = new LinkedHashMap<>();
        // asked once per message here; otherwise the reservation waits for the receipt (DeliveryCharges)
        Set<Long> chargedAtAcceptance = new HashSet<>();
        for (Outcome o : batch) {
            byId.put(o.message().id(), o);
            switch (o.result()) {
                case SubmitOutcome.Accepted a -> {
                    boolean chargeNow = !charges.onDelivery(o.senderId());
                    if (chargeNow) {
                        chargedAtAcceptance.add(o.message().id());
                    }
                    sent.add(new MessageOutcomes.Sent(o.message().id(), o.senderId(), a.providerIds(), chargeNow));
                }
                case SubmitOutcome.Permanent p -> failures.add(new MessageOutcomes.Failure(o.message().id(), "failed", p.code(), p.text()));
                case SubmitOutcome.Transient t -> {
                    var m = o.message();
                    if (t.recipientPaced() && (m.validUntil() == null || m.validUntil().isAfter(now)) && m.attempts() < MAX_ATTEMPTS) {
                        // the wait is the recipient's, known once its hold is written below
                        paced.add(o);
                        continue;
                    }
                    Instant next = now.plus(backoff(m.attempts(), t.retryAfter()));
                    if (m.attempts() >= MAX_ATTEMPTS) {
                        failures.add(new MessageOutcomes.Failure(m.id(), "failed", t.code(), "gave up after " + m.attempts() + " attempts: " + t.text()));
                    } else if (m.validUntil() != null && next.isAfter(m.validUntil())) {
                        failures.add(new MessageOutcomes.Failure(m.id(), "expired", "validity_expired", "validity ended while retrying: " + t.text()));
                    } else {
                        retries.add(new DispatchQueue.Retry(m.id(), next, t.code(), t.text()));
                    }
                }
            }
        }
        tx.executeWithoutResult(status -> {
            List<Long> movedToSent = sent.isEmpty() ? List.of() : store.markSent(sent, now);
            if (!retries.isEmpty()) {
                queue.retry(retries, now);
            }
            for (Outcome o : paced) {
                var t = (SubmitOutcome.Transient) o.result();
                Instant until = queue.hold(o.senderId(), o.message().to(), pairBackoff, now);
                if (o.message().validUntil() != null && until.isAfter(o.message().validUntil())) {
                    failures.add(new MessageOutcomes.Failure(o.message().id(), "expired", "validity_expired",
                            "validity ended while the recipient was paced: " + t.text()));
                } else {
                    queue.retry(List.of(new DispatchQueue.Retry(o.message().id(), until, t.code(), t.text())), now);
                }
            }
            List<Long> failed = failures.isEmpty() ? List.of() : store.fail(failures, now);
            Settlements settlements = new Settlements();
            List<MessageStatusChanged> announcements = new ArrayList<>();
            for (long id : movedToSent) {
                var m = byId.get(id).message();
                if (chargedAtAcceptance.contains(id)) {
                    settlements.add(m);
                }
                announce(announcements, m, MessageStatus.SENT, null, now);
            }
            Map<Long, BigDecimal> releases = new HashMap<>();
            Map<Long, MessageOutcomes.Failure> failureById = new HashMap<>();
            failures.forEach(f -> failureById.put(f.id(), f));
            for (long id : failed) {
                var m = byId.get(id).message();
                releases.merge(m.workspaceId(), m.price(), BigDecimal::add);
                var f = failureById.get(id);
                announce(announcements, m, MessageStatus.wire(f.status()), f.code(), now);
            }
            announcer.publish(announcements);
            if (!sent.isEmpty()) {
                receipts.applyEarly(sent);
            }
            // after the announcements: a delivery locks its route row there, and a route's move on
            // takes the route row before the account row, so this transaction takes them in that order too
            settlements.lines().forEach(l -> billing.settle(l.workspaceId(), l.amount(), l.reference(), l.description(), l.messages()));
            releases.forEach(billing::release);
        });
    }

    private void announce(List<MessageStatusChanged> out, DispatchQueue.Claimed m, MessageStatus status,
            String errorCode, Instant at) {
        announcer.announce(out, new ReceiptStore.MessageRef(m.id(), m.workspaceId(), m.contactId(), m.campaignId(),
                m.to(), m.statusCallback(), null, m.channel()), status, errorCode, at);
    }

    /** Exponential backoff with full jitter, at least what the provider asked for. */
    static Duration backoff(int attempts, Duration retryAfter) {
        long capSeconds = Math.min(300, 1L << Math.min(attempts, 8));
        long jittered = ThreadLocalRandom.current().nextLong(capSeconds * 500, capSeconds * 1000 + 1);
        Duration computed = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(computed) > 0 ? retryAfter : computed;
    }
}
