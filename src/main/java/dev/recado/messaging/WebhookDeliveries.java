package dev.recado.messaging;

import dev.recado.common.ApiException;
import dev.recado.messaging.internal.WebhookAnnouncer;
import dev.recado.messaging.internal.WebhookDeliveryLog;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** The log of webhook deliveries, for the console: newest first, and "try again now" on one. */
@Service
public class WebhookDeliveries {

    private final WebhookDeliveryLog log;
    private final WebhookAnnouncer announcer;

    WebhookDeliveries(WebhookDeliveryLog log, WebhookAnnouncer announcer) {
        this.log = log;
        this.announcer = announcer;
    }

    /**
     * Writes deliveries of an event of another module ({@code campaign.started}, …) to the
     * workspace's subscribers of it; call inside the transaction of the change it reports, so the
     * delivery is written if and only if the change commits.
     */
    public void announce(long workspaceId, String type, Map<String, Object> data) {
        announcer.announce(workspaceId, type, data);
    }

    public List<WebhookDelivery> list(long workspaceId, long beforeId, int limit) {
        return log.list(workspaceId, beforeId, limit);
    }

    /**
     * Puts a delivery that failed, or is waiting out a backoff, first in line for the deliverer's
     * next round. A delivered one is left alone.
     */
    public void retryNow(long workspaceId, long id) {
        if (!log.retryNow(workspaceId, id)) {
            throw new ApiException(409, "not_retryable", "Only a failed or waiting delivery can be retried");
        }
    }
}
