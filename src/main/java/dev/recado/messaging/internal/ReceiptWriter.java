package dev.recado.messaging.internal;

import dev.recado.messaging.spi.ProviderReceipt;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes delivery receipts durable with group commit: many receipts share one insert into
 * {@code receipt_inbox}, and each receipt's future completes only after that commit, so an adapter
 * acknowledges the provider only for what is durable. Nothing is looked up here: providers keep
 * few receipts unacknowledged (an SMSC's window), so the time to acknowledge sets the receipt rate,
 * and matching receipts to messages is left to {@link ReceiptApplier}.
 */
@Component
class ReceiptWriter extends BatchingWorker<ReceiptWriter.Pending> {

    record Pending(long senderId, ProviderReceipt receipt, CompletableFuture<Void> stored) {
    }

    private static final Logger log = LoggerFactory.getLogger(ReceiptWriter.class);

    private final ReceiptInbox inbox;
    private final ReceiptApplier applier;
    private final TransactionTemplate tx;
    private final Clock clock;

    ReceiptWriter(ReceiptInbox inbox, ReceiptApplier applier, TransactionTemplate tx, Clock clock) {
        super("receipt-writer");
        this.inbox = inbox;
        this.applier = applier;
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
        var arrived = batch.stream().map(p -> new ReceiptInbox.Arrived(p.senderId(), p.receipt())).toList();
        tx.executeWithoutResult(status -> inbox.add(arrived, clock.instant()));
        batch.forEach(p -> p.stored().complete(null));
        applier.wake();
    }

    @Override
    void failed(List<Pending> batch, RuntimeException error) {
        log.error("Could not store {} receipts; the provider will resend them", batch.size(), error);
        batch.forEach(p -> p.stored().completeExceptionally(error));
    }
}
