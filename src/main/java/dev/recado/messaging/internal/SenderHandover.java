package dev.recado.messaging.internal;

import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.Sender;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queued and scheduled messages of a sender that stopped (disabled or deleted). They move to
 * another enabled sender of the same workspace and channel (its default first); when there is none
 * they fail with {@code sender_disabled} and their reservation is released ({@link UnsentFailures}). Runs
 * when a sender is disabled, and every few seconds for what arrived meanwhile (a message accepted
 * while the sender was being disabled, a retry written after its dispatcher stopped).
 */
@Component
class SenderHandover {

    static final String SENDER_DISABLED = "sender_disabled";
    private static final Logger log = LoggerFactory.getLogger(SenderHandover.class);
    private static final int BATCH = 1_000;

    private final SenderRepository senders;
    private final SenderRuntime runtime;
    private final UnsentFailures unsent;
    private final DispatchQueue queue;
    private final TransactionTemplate tx;
    private final Clock clock;

    SenderHandover(SenderRepository senders, SenderRuntime runtime, UnsentFailures unsent, DispatchQueue queue,
            TransactionTemplate tx, Clock clock) {
        this.senders = senders;
        this.runtime = runtime;
        this.unsent = unsent;
        this.queue = queue;
        // its own transactions: it may run right after a sender's change committed, still on its thread
        this.tx = new TransactionTemplate(tx.getTransactionManager());
        this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Hands over what the stopped sender holds; returns the sender that took it, if any. */
    Optional<Sender> handOver(Sender stopped) {
        Optional<Sender> successor = senders.successor(stopped.workspaceId(), stopped.channel(), stopped.id());
        if (successor.isPresent()) {
            int moved = tx.execute(status -> queue.moveAll(stopped.id(), successor.get().id(), clock.instant()));
            if (moved > 0) {
                log.info("Sender {} stopped: {} queued messages moved to sender {}", stopped.id(), moved,
                        successor.get().id());
            }
            return successor;
        }
        int failed = 0;
        List<UnsentFailures.Unsent> batch;
        while (!(batch = stranded(stopped.id())).isEmpty()) {
            failed += unsent.end(batch, MessageStatus.FAILED, SENDER_DISABLED,
                    "its sender was disabled and no other enabled sender serves the channel");
        }
        if (failed > 0) {
            log.info("Sender {} stopped with no other sender for {}: {} queued messages failed as {}", stopped.id(),
                    stopped.channel(), failed, SENDER_DISABLED);
        }
        return Optional.empty();
    }

    /** Catches what reached a stopped sender after its handover. */
    @Scheduled(fixedDelay = 5000, initialDelay = 3000)
    void sweep() {
        for (Sender stopped : senders.disabledWithQueuedWork()) {
            try {
                handOver(stopped).ifPresent(s -> runtime.wake(s.id()));
            } catch (RuntimeException e) {
                log.warn("Handing over the messages of sender {} failed; retrying later", stopped.id(), e);
            }
        }
    }

    private List<UnsentFailures.Unsent> stranded(long senderId) {
        return queue.waitingOrQueued(senderId, BATCH).stream().map(UnsentFailures.Unsent::of).toList();
    }
}
