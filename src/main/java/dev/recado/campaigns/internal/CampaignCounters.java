package dev.recado.campaigns.internal;

import dev.recado.messaging.MessageStatusChanged;
import dev.recado.messaging.MessageStatusesChanged;
import java.util.HashMap;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the campaigns' sent, delivered, undelivered, failed and canceled counters from the
 * engine's status events. Each (message, counter) is recorded once, so an event the registry
 * publishes again after a crash adds nothing; the counters themselves move by atomic increments.
 */
@Component
class CampaignCounters {

    private final CampaignStore campaigns;

    CampaignCounters(CampaignStore campaigns) {
        this.campaigns = campaigns;
    }

    @ApplicationModuleListener
    void on(MessageStatusesChanged batch) {
        Map<Long, Map<String, Long>> deltas = new HashMap<>();
        for (MessageStatusChanged c : batch.changes()) {
            String counter = counter(c);
            if (c.campaignId() == null || counter == null) {
                continue;
            }
            if (campaigns.countOnce(c.messageId(), counter)) {
                deltas.computeIfAbsent(c.campaignId(), k -> new HashMap<>()).merge(counter, 1L, Long::sum);
            }
        }
        deltas.forEach(campaigns::addCounters);
    }

    private static String counter(MessageStatusChanged c) {
        return switch (c.status()) {
            case SENT -> "sent";
            // a read receipt without a delivery receipt still means delivered; counted once either way
            case DELIVERED, READ -> "delivered";
            case UNDELIVERED -> "undelivered";
            case FAILED, EXPIRED, REJECTED -> "failed";
            case CANCELED -> "canceled";
            default -> null;
        };
    }
}
