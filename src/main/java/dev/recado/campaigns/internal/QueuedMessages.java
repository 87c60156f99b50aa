package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageFilter;
import dev.recado.messaging.MessageManagement;
import dev.recado.messaging.MessageStatus;
import java.util.List;
import org.springframework.stereotype.Component;

/** A canceled campaign's messages still in the queue, canceled through the engine one by one. */
@Component
class QueuedMessages {

    private static final int PAGE = 500;

    private final MessageManagement messages;

    QueuedMessages(MessageManagement messages) {
        this.messages = messages;
    }

    /** A message the dispatcher takes meanwhile just goes, and is counted as sent. */
    void cancel(long workspaceId, long campaignId) {
        var filter = new MessageFilter(MessageStatus.QUEUED, null, null, campaignId, null);
        long before = Long.MAX_VALUE;
        while (true) {
            List<Message> page = messages.list(workspaceId, filter, before, PAGE);
            for (Message m : page) {
                try {
                    messages.cancel(workspaceId, m.id());
                } catch (ApiException e) {
                    // already left the queue
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            before = page.get(page.size() - 1).id();
        }
    }
}
