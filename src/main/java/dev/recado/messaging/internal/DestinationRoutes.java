package dev.recado.messaging.internal;

import dev.recado.common.FieldProblem;
import dev.recado.messaging.Sender;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Several senders of one channel: a message that names no sender goes through the sender whose
 * {@code prefixes} setting has the longest prefix of its destination (else the channel's default);
 * when that sender has been down (not connected, as {@code sender_links} says) for longer than the
 * threshold, through another enabled sender of the channel that is not, the best prefix match
 * first. A workspace with one sender of the channel pays nothing beyond a cached read.
 */
@Component
class DestinationRoutes {

    static final String PREFIXES = "prefixes";

    private record Cached(List<Sender> senders, Map<Long, SenderLinks.Link> links, Instant loadedAt) {
    }

    private final SenderRepository senders;
    private final SenderLinks links;
    private final SenderRoutes routes;
    private final Clock clock;
    private final long downAfterSeconds;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    DestinationRoutes(SenderRepository senders, SenderLinks links, SenderRoutes routes, Clock clock,
            @Value("${recado.routing.sender-down-after-seconds:60}") long downAfterSeconds) {
        this.senders = senders;
        this.links = links;
        this.routes = routes;
        this.clock = clock;
        this.downAfterSeconds = downAfterSeconds;
    }

    static void checkPrefixes(Object value, List<FieldProblem> problems) {
        if (!(value instanceof List<?> list) || list.size() > 100) {
            problems.add(new FieldProblem(PREFIXES, "must be a list of at most 100 prefixes such as \"+34\""));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String p) || !p.matches("\\+[0-9]{1,14}|@[A-Za-z0-9.-]{1,253}")) {
                problems.add(new FieldProblem(PREFIXES + "[" + i + "]",
                        "must be a phone prefix with + (\"+351\") or an email domain (\"@example.com\")"));
            }
        }
    }

    /** The sender for this destination; {@code chosen} (the channel's default) when nothing says otherwise. */
    SenderChoice pick(long workspaceId, SenderChoice chosen, String destination) {
        Cached c = cached(workspaceId, chosen.sender().channel());
        if (c.senders().size() < 2 || destination == null) {
            return chosen;
        }
        Instant now = clock.instant();
        Comparator<Sender> byMatch = Comparator.comparingInt((Sender s) -> -match(s, destination))
                .thenComparing(s -> s.id() != chosen.sender().id());
        Sender best = c.senders().stream().filter(s -> match(s, destination) > 0).min(byMatch).orElse(chosen.sender());
        if (down(c, best, now)) {
            best = c.senders().stream().filter(s -> !down(c, s, now)).min(byMatch).orElse(best);
        }
        return best.id() == chosen.sender().id() ? chosen : routes.choice(best, null);
    }

    /**
     * The senders {@link #pick} may choose among for the channel (just {@code chosen} when it is the
     * only one), and how many digits after + the longest phone prefix of theirs has: numbers alike in
     * that many leading digits go through the same sender.
     */
    Candidates candidates(long workspaceId, SenderChoice chosen) {
        Cached c = cached(workspaceId, chosen.sender().channel());
        if (c.senders().size() < 2) {
            return new Candidates(List.of(chosen.sender()), 0);
        }
        int digits = c.senders().stream().filter(s -> s.settings().get(PREFIXES) instanceof List<?>)
                .flatMap(s -> ((List<?>) s.settings().get(PREFIXES)).stream())
                .filter(p -> p instanceof String prefix && prefix.startsWith("+"))
                .mapToInt(p -> ((String) p).length() - 1).max().orElse(0);
        return new Candidates(c.senders(), digits);
    }

    record Candidates(List<Sender> senders, int phonePrefixDigits) {
    }

    private boolean down(Cached c, Sender s, Instant now) {
        var link = c.links().get(s.id());
        return link != null && link.downLongerThan(downAfterSeconds, now);
    }

    /** The length of the sender's longest prefix of the destination; 0 when none is. */
    private static int match(Sender s, String destination) {
        if (!(s.settings().get(PREFIXES) instanceof List<?> prefixes)) {
            return 0;
        }
        int best = 0;
        for (Object p : prefixes) {
            if (p instanceof String prefix && (destination.startsWith(prefix)
                    || prefix.startsWith("@") && destination.endsWith(prefix))) {
                best = Math.max(best, prefix.length());
            }
        }
        return best;
    }

    /** Like the default sender, read at most every few seconds per workspace and channel. */
    private Cached cached(long workspaceId, String channel) {
        String key = workspaceId + "/" + channel;
        Instant now = clock.instant();
        Cached hit = cache.get(key);
        if (hit != null && hit.loadedAt().plusSeconds(5).isAfter(now)) {
            return hit;
        }
        List<Sender> list = senders.enabledOf(workspaceId, channel);
        Cached loaded = new Cached(list, list.size() < 2 ? Map.of() : links.of(list.stream().map(Sender::id).toList()), now);
        cache.put(key, loaded);
        return loaded;
    }
}
