package dev.recado.messaging;

import dev.recado.common.ApiException;
import dev.recado.messaging.internal.MessagingFacade;
import java.util.List;
import org.springframework.stereotype.Service;

/** The messaging module's front: send, read, list and cancel messages. */
@Service
public class MessageManagement {

    private final MessagingFacade facade;

    MessageManagement(MessagingFacade facade) {
        this.facade = facade;
    }

    public Message send(long workspaceId, SendRequest request, String idempotencyKey) {
        return facade.send(workspaceId, request, idempotencyKey);
    }

    public Message require(long workspaceId, long id) {
        return facade.find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Message"));
    }

    public List<Message> list(long workspaceId, MessageFilter filter, long beforeId, int limit) {
        return facade.list(workspaceId, filter, beforeId, limit);
    }

    public Message cancel(long workspaceId, long id) {
        return facade.cancel(workspaceId, id);
    }

}
