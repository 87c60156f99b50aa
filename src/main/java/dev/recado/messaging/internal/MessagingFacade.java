package dev.recado.messaging.internal;

import dev.recado.billing.BillingManagement;
import dev.recado.common.ApiException;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageFilter;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.SendRequest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Transactions around accepting, canceling and reading messages. */
@Component
public class MessagingFacade {

    private final MessageAcceptor acceptor;
    private final MessageStore messages;
    private final BillingManagement billing;
    private final WebhookOutbox webhooks;
    private final OutcomeAnnouncer announcer;
    private final SenderRuntime runtime;
    private final TransactionTemplate tx;
    private final Clock clock;

    MessagingFacade(MessageAcceptor acceptor, MessageStore messages, BillingManagement billing, WebhookOutbox webhooks,
            OutcomeAnnouncer announcer, SenderRuntime runtime, TransactionTemplate tx, Clock clock) {
        this.runtime = runtime;
        this.acceptor = acceptor;
        this.messages = messages;
        this.billing = billing;
        this.webhooks = webhooks;
        this.announcer = announcer;
        this.tx = tx;
        this.clock = clock;
    }

    public Message send(long workspaceId, SendRequest request, String idempotencyKey) {
        Message message;
        try {
            message = tx.execute(status -> acceptor.accept(workspaceId, request, idempotencyKey, null));
        } catch (DuplicateKeyException race) {
            // two requests with one key raced: the loser answers with the winner's message
            message = tx.execute(status -> acceptor.accept(workspaceId, request, idempotencyKey, null));
        }
        if (message.senderId() != null && message.status() == MessageStatus.QUEUED) {
            runtime.wake(message.senderId());
        }
        return message;
    }

    public Optional<Message> find(long workspaceId, long id) {
        return messages.find(workspaceId, id);
    }

    public List<Message> list(long workspaceId, MessageFilter filter, long beforeId, int limit) {
        return messages.list(workspaceId, filter, beforeId, limit);
    }

    public Message cancel(long workspaceId, long id) {
        Message message = messages.find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Message"));
        boolean canceled = Boolean.TRUE.equals(tx.execute(status -> {
            if (!messages.cancel(workspaceId, id, clock.instant())) {
                return false;
            }
            var events = new java.util.ArrayList<WebhookOutbox.Event>();
            announcer.announce(events, new ReceiptStore.MessageRef(id, workspaceId, message.contactId(),
                    message.campaignId(), message.to(), message.statusCallback(), null), MessageStatus.CANCELED, null,
                    clock.instant());
            webhooks.enqueue(events);
            return true;
        }));
        if (!canceled) {
            throw new ApiException(409, "not_cancelable", "Only scheduled or queued messages can be canceled; this one is "
                    + messages.find(workspaceId, id).map(m -> m.status().toString()).orElse("gone"));
        }
        billing.release(workspaceId, message.price());
        return messages.find(workspaceId, id).orElseThrow();
    }
}
