package dev.recado.messaging.internal;

import dev.recado.billing.BillingManagement;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageDraft;
import dev.recado.messaging.MessageFilter;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.MessageStatusChanged;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Transactions around accepting, canceling and reading messages. */
@Component
public class MessagingFacade {

    private static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(30);

    private final MessageIntake intake;
    private final AcceptanceBatcher batcher;
    private final MessageStore messages;
    private final BillingManagement billing;
    private final OutcomeAnnouncer announcer;
    private final TransactionTemplate tx;
    private final Clock clock;

    MessagingFacade(MessageIntake intake, AcceptanceBatcher batcher, MessageStore messages, BillingManagement billing,
            OutcomeAnnouncer announcer, TransactionTemplate tx, Clock clock) {
        this.intake = intake;
        this.batcher = batcher;
        this.messages = messages;
        this.billing = billing;
        this.announcer = announcer;
        this.tx = tx;
        this.clock = clock;
    }

    /** One message, committed together with whatever other messages arrive meanwhile. */
    public Enqueued send(long workspaceId, MessageDraft draft) {
        try {
            return batcher.submit(workspaceId, draft).get(ACCEPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while accepting a message", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("message acceptance timed out", e);
        }
    }

    /** Many messages in one transaction; one answer per draft, in order. */
    public List<Enqueued> enqueue(long workspaceId, List<MessageDraft> drafts) {
        return intake.accept(workspaceId, drafts);
    }

    public Optional<Message> find(long workspaceId, long id) {
        return messages.find(workspaceId, id);
    }

    public List<Message> list(long workspaceId, MessageFilter filter, long beforeId, int limit) {
        return messages.list(workspaceId, filter, beforeId, limit);
    }

    /** Empty when the message is unknown; the message as it stands, and whether this call canceled it. */
    public Optional<Canceled> cancel(long workspaceId, long id) {
        return cancel(workspaceId, id, null, null);
    }

    /** As {@link #cancel(long, long)}, the message and its announcement carrying why ({@code code}, {@code text}). */
    Optional<Canceled> cancel(long workspaceId, long id, String code, String text) {
        Message message = messages.find(workspaceId, id).orElse(null);
        if (message == null) {
            return Optional.empty();
        }
        boolean canceled = Boolean.TRUE.equals(tx.execute(status -> {
            if (!messages.cancel(workspaceId, id, code, text, clock.instant())) {
                return false;
            }
            billing.release(workspaceId, message.price());
            var events = new java.util.ArrayList<MessageStatusChanged>();
            announcer.announce(events, new ReceiptStore.MessageRef(id, workspaceId, message.contactId(),
                    message.campaignId(), message.to(), message.statusCallback(), null, message.channel()), MessageStatus.CANCELED, code,
                    clock.instant());
            announcer.publish(events);
            return true;
        }));
        return Optional.of(new Canceled(messages.find(workspaceId, id).orElseThrow(), canceled));
    }

    public record Canceled(Message message, boolean canceled) {
    }
}
