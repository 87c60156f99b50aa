package dev.recado.messaging;

import dev.recado.common.ApiException;
import dev.recado.messaging.internal.MessagingFacade;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The messaging module's front: enqueue messages (one, or many in one transaction), read, list and
 * cancel them. Enqueueing answers each draft with {@link Enqueued}: a refusal is an answer with a
 * stable code, never an exception, so producers (the API, campaigns, replies) decide what it means.
 */
@Service
public class MessageManagement {

    private final MessagingFacade facade;
    private final dev.recado.messaging.internal.AgentTyping typing;

    MessageManagement(MessagingFacade facade, dev.recado.messaging.internal.AgentTyping typing) {
        this.facade = facade;
        this.typing = typing;
    }

    /** One message; concurrent calls share a commit. */
    public Enqueued send(long workspaceId, MessageDraft draft) {
        return facade.send(workspaceId, draft);
    }

    /** Many messages in one transaction, answered in order. */
    public List<Enqueued> enqueue(long workspaceId, List<MessageDraft> drafts) {
        return facade.enqueue(workspaceId, drafts);
    }

    public Optional<Message> find(long workspaceId, long id) {
        return facade.find(workspaceId, id);
    }

    /**
     * An agent is typing a reply to the customer's message {@code id}: the customer is shown it where the
     * channel can, at most once per few seconds per conversation. Refuses a message that is not inbound.
     */
    public TypingIndicator typing(long workspaceId, long id) {
        return typing.typing(workspaceId, id);
    }

    public Message require(long workspaceId, long id) {
        return facade.find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Message"));
    }

    public List<Message> list(long workspaceId, MessageFilter filter, long beforeId, int limit) {
        return facade.list(workspaceId, filter, beforeId, limit);
    }

    /** Cancels a scheduled or queued message; 409 {@code not_cancelable} once it has left. */
    public Message cancel(long workspaceId, long id) {
        var result = facade.cancel(workspaceId, id).orElseThrow(() -> ApiException.notFound("Message"));
        if (!result.canceled()) {
            throw new ApiException(409, "not_cancelable", "Only scheduled or queued messages can be canceled; this one is "
                    + result.message().status());
        }
        return result.message();
    }
}
