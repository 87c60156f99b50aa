package dev.recado.messaging.internal;

import dev.recado.common.PollingWorker;
import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.ProviderReceipt.ReceiptState;
import dev.recado.messaging.spi.ProviderWebhooks;
import dev.recado.messaging.spi.SenderConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Works through stored provider events on every node: claims a few (a lease per row), lets the
 * provider's {@link ProviderWebhooks#parse} read each, and applies what it says through the engine's
 * own paths: receipts into the receipt inbox (waiting for their commit), inbound messages through
 * the inbound handler (which stores a provider message id once). So an event processed twice, after
 * a crash or a redelivery under another key, changes nothing the second time.
 */
@Component
class ProviderEventProcessor extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(ProviderEventProcessor.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ProviderEventInbox inbox;
    private final SenderRepository senders;
    private final SenderRuntime runtime;
    private final ReceiptWriter receipts;
    private final InboundHandler inbound;
    private final ProviderTemplates templates;
    private final Clock clock;
    private final String node;
    private Instant prunedAt = Instant.EPOCH;

    ProviderEventProcessor(ProviderEventInbox inbox, SenderRepository senders, SenderRuntime runtime,
            ReceiptWriter receipts, InboundHandler inbound, ProviderTemplates templates, Clock clock,
            @Value("${recado.node-id:}") String nodeId) {
        // phase 300: after the receipt writers (100) and the senders (200), before them at shutdown
        super("provider-events", POLL, 300);
        this.inbox = inbox;
        this.senders = senders;
        this.runtime = runtime;
        this.receipts = receipts;
        this.inbound = inbound;
        this.templates = templates;
        this.clock = clock;
        this.node = (nodeId.isBlank() ? "node" : nodeId) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    protected boolean pass() {
        var events = inbox.claim(node, clock.instant(), 50);
        // every event's receipts are handed to the receipt writer before any is waited for, so the
        // claimed events share its commits instead of waiting for one each
        Map<Long, Optional<Sender>> senderOf = new HashMap<>();
        List<Started> started = events.stream().map(e -> start(e, senderOf)).toList();
        List<Long> done = new ArrayList<>();
        for (Started s : started) {
            if (finish(s)) {
                done.add(s.event().id());
            }
        }
        inbox.processed(done, node, clock.instant());
        if (events.isEmpty()) {
            prune();
        }
        return !events.isEmpty();
    }

    @Override
    protected void failed(RuntimeException e) {
        log.warn("Provider events: processing hit an error; continuing", e);
    }

    /** An event read and applied, its receipts on their way to the inbox; {@code error} when it failed already. */
    private record Started(ProviderEventInbox.Event event, CompletableFuture<Void> stored, Exception error) {
    }

    private Started start(ProviderEventInbox.Event event, Map<Long, Optional<Sender>> senderOf) {
        try {
            // one lookup (and one opening of its secrets) per sender and pass, not per event
            Sender sender = senderOf.computeIfAbsent(event.senderId(), id -> senders.findAnyWorkspace(id, true))
                    .orElseThrow(() -> new IllegalStateException("sender " + event.senderId() + " is gone"));
            ProviderWebhooks hooks = runtime.factory(event.provider()).flatMap(f -> f.webhooks())
                    .orElseThrow(() -> new IllegalStateException("no webhooks for provider " + event.provider()));
            var parsed = hooks.parse(new SenderConfig(sender.id(), sender.workspaceId(), sender.name(), sender.settings()),
                    event.body().getBytes(StandardCharsets.UTF_8));
            List<CompletableFuture<Void>> stored = parsed.receipts().stream()
                    .filter(r -> r.state() != ReceiptState.ACCEPTED && r.state() != ReceiptState.UNKNOWN)
                    .map((ProviderReceipt r) -> receipts.submit(sender.id(), r)).toList();
            for (ProviderInbound message : parsed.inbound()) {
                inbound.receive(sender, message);
            }
            for (var template : parsed.templates()) {
                templates.updateStatus(sender.id(), template, clock.instant());
                log.info("Sender {}: template {}/{} is {}{}", sender.id(), template.name(), template.language(),
                        template.status(), template.reason() == null ? "" : " (" + template.reason() + ")");
            }
            return new Started(event, CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)), null);
        } catch (Exception e) {
            return new Started(event, null, e);
        }
    }

    /** True when the event was applied; a failure is recorded on its row here. */
    private boolean finish(Started started) {
        var event = started.event();
        try {
            if (started.error() != null) {
                throw started.error();
            }
            started.stored().get(30, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("Provider event {} ({}) failed on attempt {}: {}", event.id(), event.provider(), event.attempts(),
                    e.toString());
            inbox.failed(event, node, e.toString(), clock.instant());
            return false;
        }
    }

    private void prune() {
        Instant now = clock.instant();
        if (prunedAt.plus(Duration.ofHours(1)).isBefore(now)) {
            prunedAt = now;
            inbox.prune(now.minus(Duration.ofDays(7)));
        }
    }
}
