package dev.recado.messaging.internal;

import dev.recado.common.PublicId;
import dev.recado.messaging.MessageStatusChanged;
import dev.recado.messaging.MessageStatusesChanged;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns status changes into {@code message.status} webhook deliveries (subscriptions and
 * per-message callbacks), after the change committed, from the event publication registry.
 */
@Component
class StatusWebhooks {

    private final WebhookOutbox webhooks;

    StatusWebhooks(WebhookOutbox webhooks) {
        this.webhooks = webhooks;
    }

    @ApplicationModuleListener
    void on(MessageStatusesChanged batch) {
        List<WebhookOutbox.Event> events = new ArrayList<>();
        for (MessageStatusChanged c : batch.changes()) {
            if (c.statusCallback() == null && !webhooks.hasListeners(c.workspaceId())) {
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("message_id", PublicId.of("msg_", c.messageId()));
            data.put("status", c.status().toString());
            data.put("to", c.to());
            data.put("error_code", c.errorCode());
            data.put("at", c.at().toString());
            events.add(new WebhookOutbox.Event(c.workspaceId(), "message.status", data, c.statusCallback()));
        }
        webhooks.enqueue(events);
    }
}
