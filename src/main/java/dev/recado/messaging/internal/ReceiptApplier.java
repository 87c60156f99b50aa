package dev.recado.messaging.internal;

import dev.recado.common.PollingWorker;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.MessageStatusChanged;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.ProviderReceipt.ReceiptState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies stored receipts to parts and messages, a sender's batch of up to {@value #BATCH} per
 * transaction, and removes them from the inbox in that same transaction: a crash in between leaves
 * them to be applied again, which changes nothing (statuses only move forward). A receipt for a part
 * not yet recorded waits in {@code early_receipts} and is applied when its submit outcome is written.
 */
@Component
class ReceiptApplier extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(ReceiptApplier.class);
    static final int BATCH = 2_000;
    /**
     * A receipt usually overtakes its submit outcome only by the outcome writer's lag; for that long
     * it stays in the inbox and is matched on a later pass, instead of a round trip through
     * {@code early_receipts}, which under load took nearly every receipt.
     */
    private static final Duration PART_GRACE = Duration.ofSeconds(3);
    /** Other nodes' receipts (and a missed wake-up) are found by polling this often. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final ReceiptInbox inbox;
    private final ReceiptStore store;
    private final OutcomeAnnouncer announcer;
    private final DeliveryCharges charges;
    private final TransactionTemplate tx;
    private final Clock clock;

    ReceiptApplier(ReceiptInbox inbox, ReceiptStore store, OutcomeAnnouncer announcer, DeliveryCharges charges,
            TransactionTemplate tx, Clock clock) {
        super("receipt-applier", POLL, 100);
        this.inbox = inbox;
        this.store = store;
        this.announcer = announcer;
        this.charges = charges;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    protected boolean pass() {
        return drainOnce();
    }

    @Override
    protected void failed(RuntimeException e) {
        log.error("Applying stored receipts failed; they stay stored and are tried again", e);
    }

    /** One batch for each sender with receipts waiting; true when any sender had a full batch. */
    boolean drainOnce() {
        boolean more = false;
        for (long sender : inbox.senders()) {
            Integer applied = tx.execute(status -> {
                if (!inbox.lockSender(sender)) {
                    return 0; // another node is applying this sender's receipts
                }
                var held = inbox.oldest(sender, BATCH);
                Instant recent = clock.instant().minus(PART_GRACE);
                Set<ProviderReceipt> young = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                held.stream().filter(h -> h.receivedAt().isAfter(recent)).forEach(h -> young.add(h.receipt()));
                Set<ProviderReceipt> waiting = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                waiting.addAll(apply(sender, held.stream().map(ReceiptInbox.Held::receipt).toList(), young::contains));
                var done = held.stream().filter(h -> !waiting.contains(h.receipt())).toList();
                inbox.remove(done);
                return done.size();
            });
            more |= applied != null && applied == BATCH;
        }
        return more;
    }

    /** Within the outcome writer's transaction: receipts that beat their submit response. */
    void applyEarly(List<MessageOutcomes.Sent> sent) {
        Map<Long, List<String>> idsBySender = new LinkedHashMap<>();
        sent.forEach(s -> idsBySender.computeIfAbsent(s.senderId(), k -> new ArrayList<>()).addAll(s.providerIds()));
        idsBySender.forEach(this::applyEarly);
    }

    /**
     * A receipt and its submit outcome can be written at the same moment by two writers, each in a
     * transaction that cannot see the other's row; whichever way that race goes, this sweep finds the
     * waiting receipt once its part is committed.
     */
    @Scheduled(fixedDelay = 500, initialDelay = 1000)
    void sweepEarly() {
        var waiting = store.earlyWithParts(1000);
        if (waiting.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> waiting.forEach(this::applyEarly));
    }

    /** The early receipts of these parts, taken out of the waiting room and applied. */
    private void applyEarly(long senderId, List<String> providerIds) {
        var early = store.takeEarly(senderId, providerIds);
        if (!early.isEmpty()) {
            apply(senderId, early.stream().map(ReceiptStore.Early::receipt).toList());
        }
    }

    private void apply(long senderId, List<ProviderReceipt> receipts) {
        apply(senderId, receipts, r -> false);
    }

    /**
     * Applies what matches a recorded part; of the rest, those {@code mayWait} accepts are returned
     * untouched, the others wait in {@code early_receipts}.
     */
    private List<ProviderReceipt> apply(long senderId, List<ProviderReceipt> receipts,
            java.util.function.Predicate<ProviderReceipt> mayWait) {
        Instant now = clock.instant();
        var meaningful = receipts.stream().filter(r -> r.state() != ReceiptState.ACCEPTED && r.state() != ReceiptState.UNKNOWN).toList();
        List<ProviderReceipt> waiting = new ArrayList<>();
        if (meaningful.isEmpty()) {
            return waiting;
        }
        var parts = store.parts(senderId, meaningful.stream().map(ProviderReceipt::providerId).toList());
        List<Object[]> partUpdates = new ArrayList<>();
        List<ReceiptStore.Early> early = new ArrayList<>();
        Map<Long, ProviderReceipt> lastByMessage = new LinkedHashMap<>();
        Set<Long> onlyParts = new HashSet<>();
        for (ProviderReceipt r : meaningful) {
            var part = parts.get(r.providerId());
            if (part == null) {
                if (mayWait.test(r)) {
                    waiting.add(r);
                } else {
                    early.add(new ReceiptStore.Early(senderId, r));
                }
                continue;
            }
            if (part.onlyPart()) {
                // the receipt is the message's status: the part row is not read again, so not rewritten
                onlyParts.add(part.messageId());
            } else {
                partUpdates.add(new Object[] {partStatus(r.state()), r.errorCode(), r.providerId()});
            }
            lastByMessage.put(part.messageId(), r);
        }
        store.updateParts(senderId, partUpdates);
        if (!early.isEmpty()) {
            store.saveEarly(early, now);
        }
        Set<Long> messageIds = new HashSet<>(lastByMessage.keySet());
        Set<Long> multiPart = new HashSet<>(messageIds);
        multiPart.removeAll(onlyParts);
        var statuses = store.partStatuses(multiPart);
        var refs = store.refs(messageIds);
        List<MessageStatusChanged> announcements = new ArrayList<>();
        Map<Long, Instant> deliveredAt = new LinkedHashMap<>();
        List<Long> arrived = new ArrayList<>();
        List<Long> lost = new ArrayList<>();
        for (long id : messageIds) {
            ProviderReceipt last = lastByMessage.get(id);
            List<String> partStates = onlyParts.contains(id) ? List.of(partStatus(last.state()))
                    : statuses.getOrDefault(id, List.of());
            Instant at = last.doneAt() != null ? last.doneAt() : now;
            MessageStatus reached = aggregate(partStates);
            if (reached == MessageStatus.DELIVERED) {
                deliveredAt.put(id, at);
                continue;
            }
            int changed = switch (reached) {
                case READ -> store.read(id, at, now);
                case UNDELIVERED -> store.undelivered(id, errorCode(last), last.errorText(), at, now);
                default -> 0;
            };
            if (changed > 0) {
                (reached == MessageStatus.READ ? arrived : lost).add(id);
            }
            if (changed > 0 && refs.containsKey(id)) {
                announcer.announce(announcements, refs.get(id), reached, reached == MessageStatus.UNDELIVERED ? errorCode(last) : null, at);
            }
        }
        for (long id : deliveredAt.isEmpty() ? List.<Long>of() : store.deliveredAll(deliveredAt, now)) {
            arrived.add(id);
            if (refs.containsKey(id)) {
                announcer.announce(announcements, refs.get(id), MessageStatus.DELIVERED, null, deliveredAt.get(id));
            }
        }
        // first: a delivery locks its route row there, and a route's move on takes the route row
        // before the account row, so the charges below come after it here too
        announcer.publish(announcements);
        // messages already charged at acceptance are settled, so only charge-on-delivery ones move here
        charges.delivered(arrived);
        charges.undelivered(lost);
        return waiting;
    }

    /** A message is delivered when every part is, and undelivered as soon as one part fails. */
    static MessageStatus aggregate(List<String> partStates) {
        if (partStates.isEmpty()) {
            return MessageStatus.SENT;
        }
        if (partStates.stream().anyMatch(s -> s.equals("undelivered"))) {
            return MessageStatus.UNDELIVERED;
        }
        if (partStates.stream().allMatch(s -> s.equals("read"))) {
            return MessageStatus.READ;
        }
        if (partStates.stream().allMatch(s -> s.equals("delivered") || s.equals("read"))) {
            return MessageStatus.DELIVERED;
        }
        return MessageStatus.SENT;
    }

    private static String partStatus(ReceiptState state) {
        return switch (state) {
            case DELIVERED -> "delivered";
            case READ -> "read";
            default -> "undelivered";
        };
    }

    private static String errorCode(ProviderReceipt r) {
        String state = r.state().name().toLowerCase(java.util.Locale.ROOT);
        return r.errorCode() == null || r.errorCode().isBlank() ? state : state + ":" + r.errorCode();
    }
}
