package dev.recado.messaging.internal;

import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.Reconciliation;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.SubmitOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The live side of sender accounts: one open adapter and one dispatcher thread per enabled sender.
 * Before a sender dispatches after a start, the messages a crash left in 'sending' are resolved
 * against what the provider reports (see {@link #reconcile}).
 */
@Component
class SenderRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SenderRuntime.class);

    private record Running(Sender sender, ChannelAdapter adapter, Dispatcher dispatcher, Thread thread) {
    }

    private final Map<String, ChannelAdapterFactory> factories = new ConcurrentHashMap<>();
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private final Map<Long, SenderState> lastStates = new ConcurrentHashMap<>();
    private final Map<Long, Object> linkLocks = new ConcurrentHashMap<>();
    private final SenderLinks links;
    private final SenderRepository senders;
    private final DispatchQueue queue;
    private final OutcomeWriter outcomes;
    private final ReceiptWriter receipts;
    private final InboundHandler inbound;
    private final ProviderTemplates templates;
    private final DestinationReports reports;
    private final OpenPixels pixels;
    private final RouteFollowUps followUps;
    private final org.springframework.transaction.support.TransactionTemplate tx;
    private final Clock clock;
    private volatile boolean started;

    private final String baseUrl;

    SenderRuntime(List<ChannelAdapterFactory> factories, SenderRepository senders, DispatchQueue queue,
            OutcomeWriter outcomes, ReceiptWriter receipts, InboundHandler inbound,
            DestinationReports reports, OpenPixels pixels, org.springframework.transaction.support.TransactionTemplate tx,
            Clock clock, ProviderTemplates templates, dev.recado.common.RecadoProperties properties, SenderLinks links,
            RouteFollowUps followUps) {
        this.followUps = followUps;
        this.links = links;
        this.reports = reports;
        this.pixels = pixels;
        this.tx = tx;
        this.baseUrl = properties.baseUrl();
        this.templates = templates;
        factories.forEach(f -> this.factories.put(f.provider(), f));
        this.senders = senders;
        this.queue = queue;
        this.outcomes = outcomes;
        this.receipts = receipts;
        this.inbound = inbound;
        this.clock = clock;
    }

    Optional<ChannelAdapterFactory> factory(String provider) {
        return Optional.ofNullable(factories.get(provider));
    }

    /** Every provider this build has, by channel then provider. */
    List<ChannelAdapterFactory> factories() {
        return factories.values().stream().sorted(java.util.Comparator.comparing(ChannelAdapterFactory::channel)
                .thenComparing(ChannelAdapterFactory::provider)).toList();
    }

    /** The channel's one provider that is not a sandbox twin ({@code sms} → {@code smpp}), if exactly one. */
    Optional<String> defaultProvider(String channel) {
        var providers = factories.values().stream()
                .filter(f -> f.channel().equals(channel) && !Sender.sandboxProvider(f.provider()))
                .map(ChannelAdapterFactory::provider).toList();
        return providers.size() == 1 ? Optional.of(providers.get(0)) : Optional.empty();
    }

    boolean hasProvider(String provider) {
        return factories.containsKey(provider);
    }

    /** Every provider's secret settings, so the API never returns them whichever channel it is. */
    java.util.Set<String> secretSettingNames(String provider) {
        var factory = factories.get(provider);
        return factory == null ? java.util.Set.of() : factory.secretSettingNames();
    }

    /** The sender's adapter open on this node (every node opens every enabled sender). */
    Optional<ChannelAdapter> adapter(long senderId) {
        Running r = running.get(senderId);
        return r == null ? Optional.empty() : Optional.of(r.adapter());
    }

    SenderState state(long senderId) {
        Running r = running.get(senderId);
        if (r == null) {
            return SenderState.DISCONNECTED;
        }
        return r.dispatcher().throttled() ? SenderState.THROTTLED : r.adapter().state();
    }

    void open(Sender sender) {
        var factory = factories.get(sender.provider());
        if (factory == null) {
            log.warn("Sender {} uses provider {} which this build does not have", sender.id(), sender.provider());
            return;
        }
        var listener = new AdapterListener() {
            @Override
            public CompletableFuture<Void> onReceipt(ProviderReceipt receipt) {
                return receipts.submit(sender.id(), receipt);
            }

            @Override
            public void onInbound(ProviderInbound message) {
                inbound.receive(sender, message);
            }

            @Override
            public void onTemplates(List<dev.recado.messaging.spi.ProviderTemplate> synced, Instant readStartedAt) {
                Instant now = clock.instant();
                templates.replace(sender.id(), synced, readStartedAt == null ? now : readStartedAt, now);
                log.info("Sender {} ({}): {} templates synced", sender.id(), sender.name(), synced.size());
            }

            @Override
            public boolean holdsTemplates() {
                return templates.holdsAny(sender.id());
            }

            @Override
            public void onDestinationReport(dev.recado.messaging.spi.DestinationReport report) {
                reports.record(sender, report);
            }

            @Override
            public void onStateChange(SenderState state) {
                log.info("Sender {} ({}) is {}", sender.id(), sender.name(), state);
                // adapter threads must return at once: the state goes to the database on its own thread
                lastStates.put(sender.id(), state);
                Thread.ofVirtual().name("sender-link-" + sender.id()).start(() -> recordLink(sender));
                if (state == SenderState.CONNECTED) {
                    // adapter threads must return at once; this writes to the database
                    Thread.ofVirtual().name("sender-connected-" + sender.id()).start(() -> connected(sender));
                }
            }
        };
        String hook = factory.webhooks().isPresent()
                ? baseUrl + "/hooks/" + sender.provider() + "/" + dev.recado.common.PublicId.of("snd_", sender.id()) : null;
        ChannelAdapter adapter = factory.open(new SenderConfig(sender.id(), sender.workspaceId(), sender.name(),
                sender.settings(), hook), listener);
        var dispatcher = new Dispatcher(sender, adapter, queue, outcomes, pixels, followUps, clock,
                factory.pacesRecipients());
        Thread thread = Thread.ofPlatform().name("dispatch-" + sender.id()).daemon().unstarted(() -> {
            reconcile(sender, adapter);
            dispatcher.run();
        });
        running.put(sender.id(), new Running(sender, adapter, dispatcher, thread));
        thread.start();
    }

    /** One writer per sender at a time, each writing the newest state, so a slow write never lands last with an old one. */
    private void recordLink(Sender sender) {
        synchronized (linkLocks.computeIfAbsent(sender.id(), k -> new Object())) {
            try {
                links.record(sender.id(), lastStates.get(sender.id()), clock.instant());
            } catch (RuntimeException e) {
                log.warn("Sender {}: recording its connection state failed", sender.id(), e);
            }
        }
    }

    /**
     * The sender is connected: its first connection is recorded, and it becomes the default of its
     * channel when the channel has none, or, at this first connection and unless it was created with
     * {@code "default": false}, when the default is not a working one (see {@link #keepsTheDefault}).
     * A second sender of a channel that already works does not take its traffic by connecting.
     */
    void connected(Sender sender) {
        try {
            tx.executeWithoutResult(status -> {
                boolean first = senders.markConnected(sender.id(), clock.instant());
                var current = senders.findDefault(sender.workspaceId(), sender.channel()).filter(Sender::isDefault);
                boolean waits = first && senders.defaultOnConnect(sender.id());
                if (current.isEmpty() || waits && current.get().id() != sender.id() && !keepsTheDefault(current.get(), sender)) {
                    if (senders.makeDefault(sender.workspaceId(), sender.id())) {
                        log.info("Sender {} ({}) connected and is now the default for {}", sender.id(), sender.name(),
                                sender.channel());
                    }
                } else if (waits) {
                    senders.clearDefaultOnConnect(sender.id());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Sender {}: recording its connection failed", sender.id(), e);
        }
    }

    /**
     * Whether the channel's default stays when {@code newcomer} connects for the first time: it has
     * connected itself, and it is not a sandbox simulator facing a real provider (in sandbox mode
     * every workspace starts with a simulator as each channel's default, and the first real carrier
     * added is meant to take over, as the README's set-up shows).
     */
    static boolean keepsTheDefault(Sender current, Sender newcomer) {
        return current.connectedAt() != null && !(current.sandbox() && !newcomer.sandbox());
    }

    /**
     * Checks the sender's settings with its provider, apart from its running connection (see
     * {@link ChannelAdapterFactory#testConnection}), within {@code patience}.
     */
    dev.recado.messaging.spi.ConnectionCheck probe(Sender sender, Duration patience) {
        var factory = factories.get(sender.provider());
        if (factory == null) {
            return dev.recado.messaging.spi.ConnectionCheck.failed("this server has no provider " + sender.provider());
        }
        return factory.testConnection(new SenderConfig(sender.id(), sender.workspaceId(), sender.name() + " (test)",
                sender.settings()), patience);
    }

    /** Whether the sender's provider checks settings by asking it (its own testConnection), not by opening a connection. */
    boolean asksProvider(Sender sender) {
        var factory = factories.get(sender.provider());
        try {
            return factory != null && factory.getClass().getMethod("testConnection", SenderConfig.class, Duration.class)
                    .getDeclaringClass() != dev.recado.messaging.spi.ChannelAdapterFactory.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** A message was queued for this sender: no need to wait for its next poll. */
    void wake(long senderId) {
        Running r = running.get(senderId);
        if (r != null) {
            r.dispatcher().wake();
        }
    }

    void close(long senderId) {
        Running r = running.remove(senderId);
        if (r != null) {
            r.dispatcher().stop(Duration.ofSeconds(10));
            r.adapter().close();
        }
    }

    /**
     * Messages found in 'sending' were claimed by a process that died before it recorded the
     * provider's answer. The provider is asked (once connected): what it has is recorded as sent,
     * what it never saw is queued again, and what it cannot tell fails with
     * {@code in_flight_at_crash} rather than risk a duplicate.
     */
    private void reconcile(Sender sender, ChannelAdapter adapter) {
        var inFlight = queue.inFlight(sender.id());
        if (inFlight.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (adapter.state() != SenderState.CONNECTED && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        var byId = new java.util.HashMap<Long, DispatchQueue.Claimed>();
        inFlight.forEach(m -> byId.put(m.id(), m));
        List<OutboundMessage> asked = inFlight.stream().map(DispatchQueue.Claimed::outbound).toList();
        List<Reconciliation> answers = adapter.state() == SenderState.CONNECTED ? adapter.reconcile(asked)
                : asked.stream().map(m -> Reconciliation.unknown(m.messageId())).toList();
        int sent = 0;
        int requeued = 0;
        int failed = 0;
        for (Reconciliation answer : answers) {
            var m = byId.get(answer.messageId());
            SubmitOutcome outcome = switch (answer.verdict()) {
                case ACCEPTED -> new SubmitOutcome.Accepted(answer.providerIds());
                case NOT_RECEIVED -> new SubmitOutcome.Transient("requeued_after_crash",
                        "the provider never received it before the restart", false, Duration.ZERO);
                case UNKNOWN -> new SubmitOutcome.Permanent("in_flight_at_crash",
                        "was being submitted when the server stopped; the provider cannot confirm it, so it is not re-sent");
            };
            switch (answer.verdict()) {
                case ACCEPTED -> sent++;
                case NOT_RECEIVED -> requeued++;
                case UNKNOWN -> failed++;
            }
            outcomes.add(new OutcomeWriter.Outcome(sender.id(), m, outcome));
        }
        log.warn("Sender {}: reconciled {} in-flight messages after restart: {} sent, {} queued again, {} failed as unknown",
                sender.id(), inFlight.size(), sent, requeued, failed);
        // the next claim must not race the writes above: wait until they are recorded
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!queue.inFlight(sender.id()).isEmpty() && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    @Override
    public void start() {
        started = true;
        resolveInFlightOfStopped();
        for (Sender sender : senders.enabled()) {
            try {
                open(sender);
            } catch (RuntimeException e) {
                // one sender whose stored settings its provider now refuses must not keep the others, or the server, down
                log.error("Sender {} ({}) cannot be opened: {}", sender.id(), sender.name(), e.getMessage());
            }
        }
    }

    /**
     * Messages a crash left in 'sending' on a sender that no longer runs (disabled or deleted
     * meanwhile) have no adapter to ask: they fail as {@code in_flight_at_crash}, as an unknown
     * answer would, instead of staying 'sending' for ever.
     */
    void resolveInFlightOfStopped() {
        for (Sender stopped : senders.disabledWithInFlight()) {
            var inFlight = queue.inFlight(stopped.id());
            inFlight.forEach(m -> outcomes.add(new OutcomeWriter.Outcome(stopped.id(), m,
                    new SubmitOutcome.Permanent("in_flight_at_crash", "was being submitted when the server stopped, "
                            + "and its sender no longer runs, so nobody can confirm it; it is not re-sent"))));
            log.warn("Sender {} is stopped: {} messages it was submitting at a crash failed as unknown", stopped.id(),
                    inFlight.size());
        }
    }

    @Override
    public void stop() {
        started = false;
        running.keySet().forEach(this::close);
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Starts after and stops before the writers (phase 100), so outcomes always have a writer. */
    @Override
    public int getPhase() {
        return 200;
    }

}
