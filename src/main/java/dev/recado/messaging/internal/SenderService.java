package dev.recado.messaging.internal;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.SenderState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sender accounts: validated by their provider, opened once the row is committed. A new sender
 * becomes its channel's default at its first connection (at once only with {@code "default": true}),
 * so an unreachable carrier never holds the workspace's messages. A sender that stops (disabled or
 * deleted) hands its queued messages over ({@link SenderHandover}).
 */
@Service
public class SenderService {

    static final Set<String> COMMON = Set.of("channel", "provider", "name", "rate_per_second", "window", "default");
    /** What PATCH takes besides the provider's settings. */
    static final List<String> HOST_SETTINGS = List.of("host", "smtp_host");
    static final Set<String> EDITABLE = Set.of("name", "rate_per_second", "window", "default", "enabled");

    private final SenderRepository senders;
    private final SenderRuntime runtime;
    private final SenderHandover handover;
    /** Acceptance caches senders for seconds; a change made here reaches it at once on this node. */
    private final SenderRoutes routes;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final dev.recado.common.OutboundTargets targets;
    private final ProviderTemplates providerTemplates;
    private final String baseUrl;

    SenderService(SenderRepository senders, SenderRuntime runtime, SenderHandover handover, SenderRoutes routes,
            TransactionTemplate tx, Clock clock, dev.recado.common.OutboundTargets targets,
            ProviderTemplates providerTemplates, dev.recado.common.RecadoProperties properties) {
        this.baseUrl = properties.baseUrl();
        this.providerTemplates = providerTemplates;
        this.routes = routes;
        this.senders = senders;
        this.runtime = runtime;
        this.handover = handover;
        this.tx = tx;
        this.clock = clock;
        this.targets = targets;
    }

    public Sender create(long workspaceId, Map<String, Object> body) {
        List<FieldProblem> problems = new ArrayList<>();
        String channel = SenderInput.string(body, "channel");
        if (channel == null) {
            problems.add(new FieldProblem("channel", "is required"));
        }
        String provider = SenderInput.string(body, "provider");
        if (provider == null && channel != null) {
            provider = runtime.defaultProvider(channel).orElse(null);
        }
        var known = provider == null ? null : runtime.factory(provider).orElse(null);
        String name = SenderInput.name(body, problems);
        int rate = SenderInput.integer(body, "rate_per_second", known == null ? 50 : known.defaultRatePerSecond(), 1,
                known == null ? 10_000 : known.maxRatePerSecond(), problems);
        int window = SenderInput.integer(body, "window", 10, 1, 1_000, problems);
        Boolean explicitDefault = SenderInput.bool(body, "default", problems);
        problems.addAll(dev.recado.common.JsonValues.strings(body, "channel", "provider", "name"));
        Map<String, Object> settings = new LinkedHashMap<>(body);
        COMMON.forEach(settings::remove);
        if (channel != null && provider == null) {
            problems.add(new FieldProblem("provider", "is required for channel " + channel));
        }
        if (channel != null && provider != null) {
            var factory = runtime.factory(provider).orElse(null);
            if (factory == null || !factory.channel().equals(channel)) {
                problems.add(new FieldProblem("provider", "no provider " + provider + " for channel " + channel));
            } else {
                SenderInput.checkSettings(factory, provider, settings, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (!Sender.sandboxProvider(provider)) {
            // an SMSC or mail relay on the LAN is legitimate on-premises, but the platform operator decides
            // (sandbox senders are ours)
            checkHosts(settings, workspaceId);
        }
        String p = provider;
        Sender sender = tx.execute(status -> {
            long id = senders.insert(workspaceId, channel, p, name, settings, rate, window,
                    Boolean.TRUE.equals(explicitDefault), explicitDefault == null, clock.instant());
            return senders.find(workspaceId, id).orElseThrow();
        });
        afterCommit(() -> {
            routes.forget(workspaceId);
            runtime.open(sender);
        });
        return sender;
    }

    /**
     * The settings that name a host the server connects to: SMPP's {@code host}, SMTP's
     * {@code smtp_host}, an HTTP provider's {@code api_base_url}.
     */
    private void checkHosts(Map<String, Object> settings, long workspaceId) {
        for (String field : HOST_SETTINGS) {
            if (settings.get(field) instanceof String host) {
                targets.checkHost(field, host.strip(), workspaceId);
            }
        }
        if (settings.get("api_base_url") instanceof String url) {
            targets.checkUrl("api_base_url", url.strip(), workspaceId);
        }
    }

    public Sender require(long workspaceId, long id) {
        return senders.find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Sender"));
    }

    public List<Sender> list(long workspaceId, long beforeId, int limit) {
        return senders.list(workspaceId, beforeId, limit);
    }

    public SenderState state(Sender sender) {
        return sender.enabled() ? runtime.state(sender.id()) : SenderState.DISCONNECTED;
    }

    /**
     * PATCH: {@code enabled}, {@code default}, {@code name}, {@code rate_per_second}, {@code window}
     * and provider settings (merged into the stored ones, a null removes one, secrets kept unless
     * given; the result is validated again). Nothing is written when anything is refused.
     */
    public Sender update(long workspaceId, long id, Map<String, Object> body) {
        Sender before = require(workspaceId, id);
        List<FieldProblem> problems = new ArrayList<>();
        for (String fixed : List.of("channel", "provider")) {
            if (body.containsKey(fixed)) {
                problems.add(new FieldProblem(fixed, "cannot be changed; create another sender"));
            }
        }
        String name = body.containsKey("name") ? SenderInput.name(body, problems) : before.name();
        var known = runtime.factory(before.provider()).orElse(null);
        int rate = SenderInput.integer(body, "rate_per_second", before.ratePerSecond(), 1,
                known == null ? 10_000 : known.maxRatePerSecond(), problems);
        int window = SenderInput.integer(body, "window", before.window(), 1, 1_000, problems);
        Boolean enabled = SenderInput.bool(body, "enabled", problems);
        Boolean makeDefault = SenderInput.bool(body, "default", problems);
        Map<String, Object> changes = new LinkedHashMap<>(body);
        EDITABLE.forEach(changes::remove);
        changes.remove("channel");
        changes.remove("provider");
        Map<String, Object> settings = new LinkedHashMap<>(before.settings());
        changes.forEach((k, v) -> {
            if (v == null) {
                settings.remove(k);
            } else {
                settings.put(k, v);
            }
        });
        var factory = runtime.factory(before.provider()).orElse(null);
        if (factory == null) {
            problems.add(new FieldProblem("provider", "this server has no provider " + before.provider()));
        } else if (!changes.isEmpty()) {
            SenderInput.checkSettings(factory, before.provider(), settings, problems);
        }
        boolean willBeEnabled = enabled == null ? before.enabled() : enabled;
        if (Boolean.TRUE.equals(makeDefault) && !willBeEnabled) {
            problems.add(new FieldProblem("default", "a disabled sender cannot be the default"));
        }
        if (Boolean.FALSE.equals(makeDefault) && before.isDefault() && willBeEnabled) {
            problems.add(new FieldProblem("default", "there is always one default; make another sender the default instead"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        // after the provider's own checks, as at creation: a setting it refuses is named as such
        if (!before.sandbox()) {
            checkHosts(changes, workspaceId);
        }
        // a new name needs no new connection; new settings, rate or window do
        boolean reconfigured = !changes.isEmpty() || rate != before.ratePerSecond() || window != before.window();
        Sender after = tx.execute(status -> {
            senders.update(workspaceId, id, name, settings, rate, window);
            if (enabled != null && enabled != before.enabled()) {
                senders.setEnabled(workspaceId, id, enabled);
                if (!enabled) {
                    // no longer the default, nor waiting to become it at its next connection
                    senders.clearDefault(workspaceId, id);
                    if (before.isDefault()) {
                        senders.successor(workspaceId, before.channel(), id)
                                .ifPresent(next -> senders.makeDefault(workspaceId, next.id()));
                    }
                }
            }
            if (Boolean.TRUE.equals(makeDefault)) {
                senders.makeDefault(workspaceId, id);
            } else if (Boolean.FALSE.equals(makeDefault)) {
                senders.clearDefault(workspaceId, id);
            }
            return senders.find(workspaceId, id).orElseThrow();
        });
        afterCommit(() -> {
            routes.forget(workspaceId);
            if (before.enabled() && (!after.enabled() || reconfigured)) {
                runtime.close(id);
            }
            if (before.enabled() && !after.enabled()) {
                handover.handOver(after).ifPresent(next -> runtime.wake(next.id()));
            }
            if (after.enabled() && (!before.enabled() || reconfigured)) {
                runtime.open(after);
            }
        });
        return after;
    }

    /** Disables it (DELETE keeps its history: the sender is gone from the API, its messages stay). */
    public void delete(long workspaceId, long id) {
        Sender before = require(workspaceId, id);
        Sender gone = tx.execute(status -> {
            senders.delete(workspaceId, id, clock.instant());
            if (before.isDefault()) {
                senders.successor(workspaceId, before.channel(), id)
                        .ifPresent(next -> senders.makeDefault(workspaceId, next.id()));
            }
            return before;
        });
        afterCommit(() -> {
            routes.forget(workspaceId);
            runtime.close(id);
            handover.handOver(gone).ifPresent(next -> runtime.wake(next.id()));
        });
    }

    /**
     * Checks the sender's settings with its provider and reports: a provider with a check of its
     * own (an HTTP API) is always asked, since a running sender's last success says nothing of a
     * token revoked since; a connection-based one (SMPP, SMTP) that is connected answers at once
     * (a second bind may be refused by the provider); otherwise a separate connection is tried for
     * up to {@code patience}. A connection counts as the sender's first one ({@link SenderRuntime#connected}).
     */
    public ConnectionTest test(long workspaceId, long id, java.time.Duration patience) {
        Sender sender = require(workspaceId, id);
        long started = System.nanoTime();
        SenderState state = sender.enabled() ? runtime.state(id) : SenderState.DISCONNECTED;
        String detail = null;
        if (state != SenderState.CONNECTED && state != SenderState.THROTTLED || runtime.asksProvider(sender)) {
            var check = runtime.probe(sender, patience);
            state = check.state();
            detail = check.detail();
        }
        boolean connected = state == SenderState.CONNECTED || state == SenderState.THROTTLED;
        if (connected && sender.enabled()) {
            runtime.connected(sender);
        }
        return new ConnectionTest(connected, state.toString(),
                java.time.Duration.ofNanos(System.nanoTime() - started).toMillis(), detail);
    }

    /**
     * What a connection test found: connected or not, the last state seen, how long it took and,
     * when the provider said why (its error, the account it found), that.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ConnectionTest(boolean connected, String state, long millis, String detail) {
    }

    /** Runtime changes wait for the commit; outside a transaction they run at once. */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    /** Where the provider posts this sender's events, for providers that call us; null otherwise. */
    public String webhookPath(Sender sender) {
        return runtime.factory(sender.provider()).flatMap(f -> f.webhooks())
                .map(w -> "/hooks/" + sender.provider() + "/" + dev.recado.common.PublicId.of("snd_", sender.id()))
                .orElse(null);
    }

    /** What the provider derives from the settings for the API to show (see {@code ChannelAdapterFactory#derivedFields}). */
    public Map<String, Object> derivedFields(Sender sender) {
        return runtime.factory(sender.provider()).map(f -> f.derivedFields(sender.settings())).orElse(Map.of());
    }

    /** The providers a sender can be created with, and the settings each asks for. */
    public List<ProviderForm> providers() {
        return runtime.factories().stream().map(f -> new ProviderForm(f.channel(), f.provider(),
                Sender.sandboxProvider(f.provider()), f.webhooks().isPresent(), f.syncsTemplates(), f.settingFields())).toList();
    }

    /** One provider as a form offers it. */
    public record ProviderForm(String channel, String provider, boolean sandbox, boolean callsUs, boolean templates,
            List<dev.recado.messaging.spi.SettingField> fields) {
    }

    /** The provider's templates for this sender as last synced (by the adapter or {@link #syncTemplates}). */
    public List<dev.recado.messaging.spi.ProviderTemplate> templates(long workspaceId, long id) {
        return providerTemplates.list(require(workspaceId, id).id());
    }

    /**
     * Reads the sender's templates from its provider now and replaces the stored list; an empty
     * result when the provider has no templates, the provider's reason when it could not be read.
     */
    public TemplateSync syncTemplates(long workspaceId, long id) {
        Sender sender = require(workspaceId, id);
        var factory = runtime.factory(sender.provider()).orElse(null);
        if (factory == null) {
            return new TemplateSync(false, 0, "this server has no provider " + sender.provider());
        }
        Instant asked = clock.instant();
        try {
            var read = factory.readTemplates(new dev.recado.messaging.spi.SenderConfig(sender.id(),
                    sender.workspaceId(), sender.name(), sender.settings()));
            if (read.isEmpty()) {
                return new TemplateSync(false, 0, sender.provider() + " has no templates");
            }
            providerTemplates.replace(sender.id(), read.get(), asked, clock.instant());
            return new TemplateSync(true, read.get().size(), null);
        } catch (java.io.IOException e) {
            return new TemplateSync(false, 0, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TemplateSync(false, 0, "interrupted");
        }
    }

    /** What a template sync did: how many templates it stored, or why it could not. */
    public record TemplateSync(boolean synced, int count, String error) {
    }

    /** The absolute URL to paste at the provider (Meta, Telegram, Google); null when the provider does not call us. */
    public String webhookUrl(Sender sender) {
        String path = webhookPath(sender);
        return path == null ? null : baseUrl + path;
    }

    /** The names of the secrets this sender has a value for (the values stay hidden). */
    public Set<String> storedSecrets(Sender sender) {
        Set<String> stored = new java.util.TreeSet<>(runtime.secretSettingNames(sender.provider()));
        stored.retainAll(sender.settings().keySet());
        return stored;
    }

    /** Settings without the secrets its provider declares, as the API shows them. */
    public Map<String, Object> visibleSettings(Sender sender) {
        Map<String, Object> visible = new LinkedHashMap<>(sender.settings());
        runtime.secretSettingNames(sender.provider()).forEach(visible::remove);
        return visible;
    }
}
