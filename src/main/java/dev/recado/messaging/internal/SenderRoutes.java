package dev.recado.messaging.internal;

import dev.recado.common.FieldProblem;
import dev.recado.common.PublicId;
import dev.recado.messaging.Content;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.ContentPlan;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which sender carries a message, and how its channel plans the content. {@code from} may name a
 * sender account ({@code snd_…}), or a sender name (up to 11 GSM letters and digits) or number that
 * the workspace's default sender of the channel is approved to show: the sandbox shows any; a
 * carrier account shows its own {@code source_address} and those in its {@code approved_sender_ids}.
 */
@Component
class SenderRoutes {

    /** Text plans, with the channel's limit on text length applied first. */
    record Plan(int units, String encoding, List<FieldProblem> problems) {
    }

    private static final String SENDER_NAME = "[A-Za-z0-9 ]{1,11}|\\+?[0-9]{3,15}";

    /**
     * Senders are read on every batch; a change of the default reaches acceptance within seconds on
     * every node. Correctness does not depend on this cache: a disabled sender's queue is moved or
     * failed by whoever disables it.
     */
    private record Cached(Optional<Sender> sender, Instant loadedAt) {
    }

    private final SenderRepository senders;
    private final Map<String, ChannelAdapterFactory> factories = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    SenderRoutes(SenderRepository senders, List<ChannelAdapterFactory> factories, Clock clock) {
        this.senders = senders;
        factories.forEach(f -> this.factories.put(f.provider(), f));
        this.clock = clock;
    }

    SenderChoice choose(long workspaceId, String channel, String from) {
        String wanted = from == null ? null : from.strip();
        if (wanted != null && wanted.startsWith("snd_")) {
            var sender = PublicId.parse("snd_", wanted).flatMap(id -> cached(workspaceId, "id:" + id,
                    () -> senders.find(workspaceId, id))).filter(Sender::enabled);
            if (sender.isEmpty()) {
                return SenderChoice.refused(Enqueued.Refused.field("sender_not_allowed", "from",
                        "is not an enabled sender of this workspace"));
            }
            if (!sender.get().channel().equals(channel)) {
                return SenderChoice.refused(Enqueued.Refused.field("sender_not_allowed", "from",
                        "is a " + sender.get().channel() + " sender, not " + channel));
            }
            return choice(sender.get(), null);
        }
        var sender = cached(workspaceId, "default:" + channel, () -> senders.findDefault(workspaceId, channel));
        if (sender.isEmpty()) {
            return SenderChoice.refused(factories.values().stream().anyMatch(f -> f.channel().equals(channel))
                    ? Enqueued.Refused.of("no_sender", "This workspace has no " + channel
                            + " sender; create one with POST /v1/senders")
                    : Enqueued.Refused.of("channel_unavailable", "No " + channel + " sender is available"));
        }
        if (wanted != null && !approved(sender.get(), wanted)) {
            return SenderChoice.refused(Enqueued.Refused.field("sender_not_allowed", "from",
                    wanted.matches(SENDER_NAME) ? "is not a sender name approved for this workspace"
                            : "must be a sender id (snd_…), a sender name of at most 11 letters and digits, or a number"));
        }
        return choice(sender.get(), wanted);
    }

    Plan plan(SenderChoice choice, Content content, boolean smartEncoding) {
        var capabilities = choice.capabilities();
        if (!capabilities.carries(content.kind())) {
            return new Plan(0, null, List.of(new FieldProblem(content.kind(), choice.sender().channel()
                    + " does not carry " + content.kind() + " messages")));
        }
        String text = content.summary();
        if (content instanceof Content.Text && text.length() > capabilities.maxTextLength()) {
            return new Plan(0, null, List.of(new FieldProblem("body",
                    "must be at most " + capabilities.maxTextLength() + " characters")));
        }
        ContentPlan plan = choice.factory().plan(content, smartEncoding);
        return new Plan(plan.units(), plan.encoding(), plan.problems());
    }

    SenderChoice choice(Sender sender, String from) {
        var factory = Optional.ofNullable(factories.get(sender.provider()));
        if (factory.isEmpty()) {
            return SenderChoice.refused(Enqueued.Refused.of("channel_unavailable",
                    "The sender's provider " + sender.provider() + " is not available"));
        }
        String shown = from != null ? from : (String) sender.settings().getOrDefault("source_address", null);
        return new SenderChoice(sender, shown == null || shown.isEmpty() ? null : shown, factory.get(), null);
    }

    private static boolean approved(Sender sender, String name) {
        if (!name.matches(SENDER_NAME)) {
            return false;
        }
        if (sender.sandbox() || name.equals(sender.settings().get("source_address"))) {
            return true;
        }
        return sender.settings().get("approved_sender_ids") instanceof List<?> approved && approved.contains(name);
    }

    private Optional<Sender> cached(long workspaceId, String key, java.util.function.Supplier<Optional<Sender>> load) {
        String k = workspaceId + "/" + key;
        Instant now = clock.instant();
        var hit = cache.get(k);
        if (hit != null && hit.loadedAt().plusSeconds(5).isAfter(now)) {
            return hit.sender();
        }
        var loaded = load.get();
        cache.put(k, new Cached(loaded, now));
        return loaded;
    }

    /** A sender changed on this node: its cached rows go at once (other nodes within seconds). */
    void forget(long workspaceId) {
        cache.keySet().removeIf(k -> k.startsWith(workspaceId + "/"));
    }
}
