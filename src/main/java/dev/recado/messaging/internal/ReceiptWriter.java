package dev.recado.messaging.internal;

import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.MessageStatusChanged;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.ProviderReceipt.ReceiptState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores delivery receipts with group commit: many receipts share one transaction, and each
 * receipt's future completes only after that commit, so an adapter acknowledges the provider only
 * for what is durable. A receipt for a part not yet recorded waits in {@code early_receipts} and is
 * applied when its submit outcome is written.
 */
@Component
class ReceiptWriter extends BatchingWorker<ReceiptWriter.Pending> {

    record Pending(long senderId, ProviderReceipt receipt, CompletableFuture<Void> stored) {
    }

    private static final Logger log = LoggerFactory.getLogger(ReceiptWriter.class);

    private final ReceiptStore store;
    private final OutcomeAnnouncer announcer;
    private final TransactionTemplate tx;
    private final Clock clock;

    ReceiptWriter(ReceiptStore store, OutcomeAnnouncer announcer, TransactionTemplate tx,
            Clock clock) {
        super("receipt-writer");
        this.store = store;
        this.announcer = announcer;
        this.tx = tx;
        this.clock = clock;
    }

    CompletableFuture<Void> submit(long senderId, ProviderReceipt receipt) {
        var pending = new Pending(senderId, receipt, new CompletableFuture<>());
        enqueue(pending);
        return pending.stored();
    }

    @Override
    void write(List<Pending> batch) {
        Map<Long, List<ProviderReceipt>> bySender = new LinkedHashMap<>();
        batch.forEach(p -> bySender.computeIfAbsent(p.senderId(), k -> new ArrayList<>()).add(p.receipt()));
        tx.executeWithoutResult(status -> bySender.forEach(this::apply));
        batch.forEach(p -> p.stored().complete(null));
    }

    @Override
    void failed(List<Pending> batch, RuntimeException error) {
        log.error("Could not store {} receipts; the provider will resend them", batch.size(), error);
        batch.forEach(p -> p.stored().completeExceptionally(error));
    }

    /** Within the outcome writer's transaction: receipts that beat their submit response. */
    void applyEarly(List<MessageOutcomes.Sent> sent) {
        Map<Long, List<String>> idsBySender = new LinkedHashMap<>();
        sent.forEach(s -> idsBySender.computeIfAbsent(s.senderId(), k -> new ArrayList<>()).addAll(s.providerIds()));
        idsBySender.forEach((sender, ids) -> {
            var early = store.takeEarly(sender, ids);
            if (!early.isEmpty()) {
                apply(sender, early.stream().map(ReceiptStore.Early::receipt).toList());
            }
        });
    }

    /**
     * A receipt and its submit outcome can be written at the same moment by the two writers, each
     * in a transaction that cannot see the other's row; whichever way that race goes, this sweep
     * finds the waiting receipt once its part is committed.
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 500, initialDelay = 1000)
    void sweepEarly() {
        var waiting = store.earlyWithParts(1000);
        if (waiting.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> waiting.forEach((sender, ids) -> {
            var early = store.takeEarly(sender, ids);
            if (!early.isEmpty()) {
                apply(sender, early.stream().map(ReceiptStore.Early::receipt).toList());
            }
        }));
    }

    private void apply(long senderId, List<ProviderReceipt> receipts) {
        Instant now = clock.instant();
        var meaningful = receipts.stream().filter(r -> r.state() != ReceiptState.ACCEPTED && r.state() != ReceiptState.UNKNOWN).toList();
        var parts = store.parts(senderId, meaningful.stream().map(ProviderReceipt::providerId).toList());
        List<Object[]> partUpdates = new ArrayList<>();
        List<ReceiptStore.Early> early = new ArrayList<>();
        Map<Long, ProviderReceipt> lastByMessage = new LinkedHashMap<>();
        for (ProviderReceipt r : meaningful) {
            var part = parts.get(r.providerId());
            if (part == null) {
                early.add(new ReceiptStore.Early(senderId, r));
                continue;
            }
            partUpdates.add(new Object[] {partStatus(r.state()), r.errorCode(), r.providerId()});
            lastByMessage.put(part.messageId(), r);
        }
        store.updateParts(senderId, partUpdates);
        if (!early.isEmpty()) {
            store.saveEarly(early, now);
        }
        Set<Long> messageIds = new HashSet<>(lastByMessage.keySet());
        var statuses = store.partStatuses(messageIds);
        var refs = store.refs(messageIds);
        List<MessageStatusChanged> announcements = new ArrayList<>();
        Map<Long, Instant> deliveredAt = new LinkedHashMap<>();
        for (long id : messageIds) {
            List<String> partStates = statuses.getOrDefault(id, List.of());
            ProviderReceipt last = lastByMessage.get(id);
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
            if (changed > 0 && refs.containsKey(id)) {
                announcer.announce(announcements, refs.get(id), reached, reached == MessageStatus.UNDELIVERED ? errorCode(last) : null, at);
            }
        }
        for (long id : deliveredAt.isEmpty() ? List.<Long>of() : store.deliveredAll(deliveredAt, now)) {
            if (refs.containsKey(id)) {
                announcer.announce(announcements, refs.get(id), MessageStatus.DELIVERED, null, deliveredAt.get(id));
            }
        }
        announcer.publish(announcements);
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
