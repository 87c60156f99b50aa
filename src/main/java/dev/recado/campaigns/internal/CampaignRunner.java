package dev.recado.campaigns.internal;

import dev.recado.common.PollingWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node's runner thread: polls for due and workable campaigns, and is woken at once when a
 * campaign starts here, so its first page goes out without waiting for the next poll.
 */
@Component
class CampaignRunner extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);

    private final CampaignWorker worker;
    private final boolean enabled;

    /** Phase 300: after the engine's senders start and before they stop, so no page meets a stopped sender. */
    CampaignRunner(CampaignStore campaigns, CampaignFanOut fanOut, Clock clock,
            @Value("${recado.campaigns.runner-enabled:true}") boolean enabled,
            @Value("${recado.campaigns.poll-millis:1000}") long pollMillis,
            @Value("${recado.campaigns.lease-seconds:30}") long leaseSeconds,
            @Value("${recado.node-id:}") String nodeId) {
        super("campaign-runner", Duration.ofMillis(pollMillis), 300);
        String node = nodeId.isBlank() ? "node-" + UUID.randomUUID().toString().substring(0, 8) : nodeId;
        this.worker = new CampaignWorker(campaigns, fanOut, clock, node, Duration.ofSeconds(leaseSeconds));
        this.enabled = enabled;
    }

    @Override
    protected boolean enabled() {
        return enabled;
    }

    @Override
    protected boolean pass() {
        return worker.runOnce();
    }

    @Override
    protected void failed(RuntimeException e) {
        log.warn("Campaign runner pass failed: {}", e.toString());
    }
}
