package dev.recado.messaging.internal;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores verified provider webhooks with group commit: the requests that arrive together share one
 * insert and one commit, and each request is answered only after that commit, so a provider is told
 * 200 only for what is durable. Meta posts one status a request at a busy number's rate, and one
 * insert and commit per request was PostgreSQL's largest cost of the intake (BENCHMARKS.md,
 * provider webhook intake).
 */
@Component
class ProviderEventWriter extends BatchingWorker<ProviderEventWriter.Pending> {

    record Pending(ProviderEventInbox.Arrived event, CompletableFuture<Boolean> stored) {
    }

    private static final Logger log = LoggerFactory.getLogger(ProviderEventWriter.class);

    private final ProviderEventInbox inbox;
    private final ProviderEventProcessor processor;
    private final TransactionTemplate tx;
    private final Clock clock;

    ProviderEventWriter(ProviderEventInbox inbox, ProviderEventProcessor processor, TransactionTemplate tx, Clock clock) {
        super("provider-event-writer");
        this.inbox = inbox;
        this.processor = processor;
        this.tx = tx;
        this.clock = clock;
    }

    /** Completes with true once stored, false when the same event was stored before (a redelivery). */
    CompletableFuture<Boolean> submit(String provider, long senderId, String key, String body) {
        var pending = new Pending(new ProviderEventInbox.Arrived(provider, senderId, key, body), new CompletableFuture<>());
        enqueue(pending);
        return pending.stored();
    }

    @Override
    void write(List<Pending> batch) {
        List<Boolean> stored = tx.execute(status ->
                inbox.store(batch.stream().map(Pending::event).toList(), clock.instant()));
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).stored().complete(stored.get(i));
        }
        if (stored.contains(true)) {
            processor.wake();
        }
    }

    @Override
    void failed(List<Pending> batch, RuntimeException error) {
        log.error("Could not store {} provider webhooks; the providers will resend them", batch.size(), error);
        batch.forEach(p -> p.stored().completeExceptionally(error));
    }
}
