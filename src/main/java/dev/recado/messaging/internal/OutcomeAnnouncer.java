package dev.recado.messaging.internal;

import dev.recado.common.PublicId;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.MessageStatusChanged;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Turns a status change into the application event and, when someone listens, a webhook. */
@Component
class OutcomeAnnouncer {

    private final ApplicationEventPublisher events;
    private final WebhookOutbox webhooks;

    OutcomeAnnouncer(ApplicationEventPublisher events, WebhookOutbox webhooks) {
        this.events = events;
        this.webhooks = webhooks;
    }

    void announce(List<WebhookOutbox.Event> out, ReceiptStore.MessageRef m, MessageStatus status, String errorCode,
            Instant at) {
        events.publishEvent(new MessageStatusChanged(m.workspaceId(), m.id(), m.campaignId(), m.contactId(), status,
                errorCode, at));
        if (m.statusCallback() == null && !webhooks.hasListeners(m.workspaceId())) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message_id", PublicId.of("msg_", m.id()));
        data.put("status", status.toString());
        data.put("to", m.to());
        data.put("error_code", errorCode);
        data.put("at", at.toString());
        out.add(new WebhookOutbox.Event(m.workspaceId(), "message.status", data, m.statusCallback()));
    }
}
