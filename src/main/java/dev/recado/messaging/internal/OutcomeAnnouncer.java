package dev.recado.messaging.internal;

import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.MessageStatusChanged;
import dev.recado.messaging.MessageStatusesChanged;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Collects the status changes of one batch and publishes them as one event in its transaction:
 * one registry row per batch and listener, not one per message.
 */
@Component
class OutcomeAnnouncer {

    private final ApplicationEventPublisher events;

    OutcomeAnnouncer(ApplicationEventPublisher events) {
        this.events = events;
    }

    void announce(List<MessageStatusChanged> out, ReceiptStore.MessageRef m, MessageStatus status, String errorCode,
            Instant at) {
        out.add(new MessageStatusChanged(m.workspaceId(), m.id(), m.campaignId(), m.contactId(), status, errorCode, at,
                m.to(), m.statusCallback(), m.channel()));
    }

    /** Call inside the transaction that made the changes. */
    void publish(List<MessageStatusChanged> changes) {
        if (!changes.isEmpty()) {
            events.publishEvent(new MessageStatusesChanged(List.copyOf(changes)));
        }
    }
}
