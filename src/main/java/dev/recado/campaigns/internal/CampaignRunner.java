package dev.recado.campaigns.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This node's runner thread: polls for due and workable campaigns, and is woken at once when a
 * campaign starts here, so its first page goes out without waiting for the next poll.
 */
@Component
class CampaignRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);

    private final CampaignWorker worker;
    private final boolean enabled;
    private final long pollMillis;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

    CampaignRunner(CampaignStore campaigns, CampaignFanOut fanOut, Clock clock,
            @Value("${recado.campaigns.runner-enabled:true}") boolean enabled,
            @Value("${recado.campaigns.poll-millis:1000}") long pollMillis,
            @Value("${recado.campaigns.lease-seconds:30}") long leaseSeconds,
            @Value("${recado.node-id:}") String nodeId) {
        String node = nodeId.isBlank() ? "node-" + UUID.randomUUID().toString().substring(0, 8) : nodeId;
        this.worker = new CampaignWorker(campaigns, fanOut, clock, node, Duration.ofSeconds(leaseSeconds));
        this.enabled = enabled;
        this.pollMillis = pollMillis;
    }

    void wake() {
        wakeUp.release();
    }

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            return;
        }
        thread = Thread.ofPlatform().daemon().name("campaign-runner").start(this::loop);
    }

    private void loop() {
        while (running) {
            boolean more = false;
            try {
                more = worker.runOnce();
            } catch (RuntimeException e) {
                log.warn("Campaign runner pass failed: {}", e.toString());
            }
            if (!more) {
                try {
                    wakeUp.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            // woken, not interrupted: an interrupt inside a JDBC call can break the pooled connection
            wakeUp.release();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the engine's senders start and before they stop, so no page meets a stopped sender. */
    @Override
    public int getPhase() {
        return 300;
    }
}
