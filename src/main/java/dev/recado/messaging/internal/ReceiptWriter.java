package dev.recado.messaging.internal;

import dev.recado.messaging.MessageStatus;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores delivery receipts with group commit: many receipts share one transaction, and each
 * receipt's future completes only after that commit, so an adapter acknowledges the provider only
 * for what is durable. A receipt for a part not yet recorded waits in {@code early_receipts} and is
 * applied when its submit outcome is written.
 */
@Component
class ReceiptWriter implements SmartLifecycle {

    private record Pending(long senderId, ProviderReceipt receipt, CompletableFuture<Void> stored) {
    }

    private static final Logger log = LoggerFactory.getLogger(ReceiptWriter.class);
    private static final java.time.Duration SWEEP_EVERY = java.time.Duration.ofSeconds(2);

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ReceiptStore store;
    private final WebhookOutbox webhooks;
    private final OutcomeAnnouncer announcer;
    private final TransactionTemplate tx;
    private final Clock clock;
    private volatile boolean running;
    private Thread worker;

    ReceiptWriter(ReceiptStore store, WebhookOutbox webhooks, OutcomeAnnouncer announcer, TransactionTemplate tx,
            Clock clock) {
        this.store = store;
        this.webhooks = webhooks;
        this.announcer = announcer;
        this.tx = tx;
        this.clock = clock;
    }

    CompletableFuture<Void> submit(long senderId, ProviderReceipt receipt) {
        var pending = new Pending(senderId, receipt, new CompletableFuture<>());
        queue.add(pending);
        return pending.stored();
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(1000);
        long nextSweep = System.nanoTime();
        while (running || !queue.isEmpty()) {
            try {
                if (System.nanoTime() - nextSweep >= 0) {
                    sweep();
                    nextSweep = System.nanoTime() + SWEEP_EVERY.toNanos();
                }
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 999);
                Map<Long, List<ProviderReceipt>> bySender = new LinkedHashMap<>();
                batch.forEach(p -> bySender.computeIfAbsent(p.senderId(), k -> new ArrayList<>()).add(p.receipt()));
                tx.executeWithoutResult(status -> bySender.forEach(this::apply));
                batch.forEach(p -> p.stored().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Could not store {} receipts; the provider will resend them", batch.size(), e);
                batch.forEach(p -> p.stored().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Applies early receipts whose part is recorded by now. The outcome writer takes a part's early
     * receipt in the transaction that records the part; but when a receipt is stored early while that
     * transaction runs, neither sees the other's row, and the receipt would wait for ever.
     */
    private void sweep() {
        try {
            tx.executeWithoutResult(status -> {
                Map<Long, List<ProviderReceipt>> bySender = new LinkedHashMap<>();
                store.takeMatched(1000).forEach(e -> bySender.computeIfAbsent(e.senderId(), k -> new ArrayList<>())
                        .add(e.receipt()));
                bySender.forEach(this::apply);
            });
        } catch (RuntimeException e) {
            log.warn("Could not apply early receipts; trying again later", e);
        }
    }

    /** Within the outcome writer's transaction: receipts that beat their submit response. */
    void applyEarly(List<DispatchStore.Sent> sent) {
        Map<Long, List<String>> idsBySender = new LinkedHashMap<>();
        sent.forEach(s -> idsBySender.computeIfAbsent(s.senderId(), k -> new ArrayList<>()).addAll(s.providerIds()));
        idsBySender.forEach((sender, ids) -> {
            var early = store.takeEarly(sender, ids);
            if (!early.isEmpty()) {
                apply(sender, early.stream().map(ReceiptStore.Early::receipt).toList());
            }
        });
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
        List<WebhookOutbox.Event> announcements = new ArrayList<>();
        for (long id : messageIds) {
            List<String> partStates = statuses.getOrDefault(id, List.of());
            ProviderReceipt last = lastByMessage.get(id);
            Instant at = last.doneAt() != null ? last.doneAt() : now;
            MessageStatus reached = aggregate(partStates);
            int changed = switch (reached) {
                case DELIVERED -> store.delivered(id, at, now);
                case READ -> store.read(id, at, now);
                case UNDELIVERED -> store.undelivered(id, errorCode(last), last.errorText(), at, now);
                default -> 0;
            };
            if (changed > 0 && refs.containsKey(id)) {
                announcer.announce(announcements, refs.get(id), reached, reached == MessageStatus.UNDELIVERED ? errorCode(last) : null, at);
            }
        }
        webhooks.enqueue(announcements);
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

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("receipt-writer").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 100;
    }
}
