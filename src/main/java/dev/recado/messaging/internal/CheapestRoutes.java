package dev.recado.messaging.internal;

import dev.recado.messaging.Enqueued;
import dev.recado.messaging.Routing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code channel: "cheapest"}: every candidate channel is tried on a copy of the draft through the
 * same batch checks as a channel order (so only channels that can really take it are priced, each
 * on its own plan: SMS segments, a WhatsApp conversation category, a template's own variant), and
 * the draft becomes a channel order of those channels by price, ties in the candidates' order.
 * One round per channel for the whole batch, as {@link RouteChooser} does.
 */
final class CheapestRoutes {

    /** The candidates, and the order ties are broken in, when the draft names no channels. */
    static final List<String> ORDER = List.of("sms", "whatsapp", "email", "rcs", "telegram", "webchat");

    private CheapestRoutes() {
    }

    private record Tried(List<String> candidates, List<AcceptanceItem> priced, Map<String, RouteChooser.Skip> refused) {
    }

    /**
     * Replaces each {@code cheapest} item of {@code routed} by its copy on the cheapest channel (with
     * the priced order as its routing and the refused channels as skipped) and returns those;
     * an item no channel takes gets its refusal in {@code results}.
     */
    static List<AcceptanceItem> choose(List<AcceptanceItem> routed, Enqueued[] results,
            RouteChooser.ChannelChecks checks, RouteChooser.Offered offered) {
        Map<AcceptanceItem, Tried> tried = new IdentityHashMap<>();
        for (AcceptanceItem item : routed) {
            if (item.cheapest) {
                List<String> given = item.routing.channels();
                List<String> candidates = given != null ? given.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList()
                        : ORDER.stream().filter(c -> offered.offered(item, c)).toList();
                tried.put(item, new Tried(candidates, new ArrayList<>(), new HashMap<>()));
            }
        }
        if (tried.isEmpty()) {
            return List.of();
        }
        for (String channel : ORDER) {
            Map<AcceptanceItem, AcceptanceItem> originals = new IdentityHashMap<>();
            tried.forEach((item, t) -> {
                if (t.candidates().contains(channel)) {
                    originals.put(item.copyFor(channel), item);
                }
            });
            if (originals.isEmpty()) {
                continue;
            }
            List<AcceptanceItem> passed = new ArrayList<>(originals.keySet());
            Enqueued[] scratch = new Enqueued[results.length];
            checks.run(passed, scratch);
            Set<AcceptanceItem> ok = Collections.newSetFromMap(new IdentityHashMap<>());
            ok.addAll(passed);
            originals.forEach((copy, item) -> {
                Tried t = tried.get(item);
                if (ok.contains(copy)) {
                    t.priced().add(copy);
                } else {
                    var refusal = (Enqueued.Refused) scratch[copy.index];
                    t.refused().put(channel, new RouteChooser.Skip(channel, refusal.code(), refusal.detail()));
                }
            });
        }
        List<AcceptanceItem> chosen = new ArrayList<>(tried.size());
        for (ListIterator<AcceptanceItem> it = routed.listIterator(); it.hasNext(); ) {
            AcceptanceItem item = it.next();
            Tried t = tried.get(item);
            if (t == null) {
                continue;
            }
            List<RouteChooser.Skip> skipped = new ArrayList<>();
            t.candidates().forEach(c -> {
                if (t.refused().containsKey(c)) {
                    skipped.add(t.refused().get(c));
                }
            });
            if (t.priced().isEmpty()) {
                item.skipped = skipped;
                results[item.index] = skipped.isEmpty()
                        ? Enqueued.Refused.of("no_channel", "This workspace has no enabled sender of a channel that can reach "
                                + item.draft.to().strip())
                        : RouteChooser.refusal(item);
                continue;
            }
            List<AcceptanceItem> byPrice = new ArrayList<>(t.priced());
            byPrice.sort(Comparator.comparing((AcceptanceItem c) -> c.price.total())
                    .thenComparingInt(c -> t.candidates().indexOf(c.channel)));
            AcceptanceItem winner = byPrice.get(0);
            winner.routing = new Routing(byPrice.stream().map(c -> c.channel).toList(),
                    item.routing.fallbackAfterSeconds());
            winner.skipped = skipped;
            winner.routeRound = 0;
            it.set(winner);
            chosen.add(winner);
        }
        return chosen;
    }
}
