package dev.recado.messaging.internal;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Other modules' events into the webhook outbox, through {@link dev.recado.messaging.WebhookDeliveries#announce}. */
@Component
public class WebhookAnnouncer {

    private final WebhookOutbox outbox;

    WebhookAnnouncer(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    public void announce(long workspaceId, String type, Map<String, Object> data) {
        outbox.enqueue(List.of(new WebhookOutbox.Event(workspaceId, type, data, null)));
    }
}
