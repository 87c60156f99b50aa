package dev.recado.messaging.internal;

import dev.recado.common.FieldProblem;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.Routing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Acceptance of drafts with a channel order: each round tries every undecided draft on its next
 * channel through the same batch checks as a one-channel draft (destination, sender, consent,
 * windows, templates, the channel's plan), so a round costs what a batch on one channel costs; a
 * refusal in a round is recorded as the reason that channel was passed over. Drafts without an
 * order never come here.
 */
final class RouteChooser {

    /** A channel passed over at acceptance, with the refusal it would have been. */
    record Skip(String channel, String code, String detail) {
    }

    /** The checks of one channel for a list of items, refusing into {@code results} and removing what they refuse. */
    interface ChannelChecks {
        void run(List<AcceptanceItem> items, Enqueued[] results);
    }

    /** Which channels a {@code cheapest} draft may be priced on when it names none. */
    interface Offered {
        boolean offered(AcceptanceItem item, String channel);
    }

    static final int MAX_CHANNELS = 6;
    static final String CHEAPEST = "cheapest";

    private RouteChooser() {
    }

    /** Takes the drafts with a channel order out of {@code items}, refusing malformed orders; empty when none. */
    static List<AcceptanceItem> split(List<AcceptanceItem> items, Enqueued[] results) {
        List<AcceptanceItem> routed = List.of();
        for (var it = items.iterator(); it.hasNext(); ) {
            AcceptanceItem item = it.next();
            boolean cheapest = CHEAPEST.equalsIgnoreCase(item.draft.channel());
            if (item.draft.routing() == null && !cheapest) {
                continue;
            }
            it.remove();
            var problems = check(item, cheapest);
            if (!problems.isEmpty()) {
                results[item.index] = new Enqueued.Refused("validation_failed",
                        problems.get(0).field() + " " + problems.get(0).message(), problems);
                continue;
            }
            if (routed.isEmpty()) {
                routed = new ArrayList<>();
            }
            item.skipped = new ArrayList<>();
            item.cheapest = cheapest;
            item.routing = item.draft.routing() != null ? item.draft.routing() : new Routing(null, null);
            routed.add(item);
        }
        return routed;
    }

    private static List<FieldProblem> check(AcceptanceItem item, boolean cheapest) {
        Routing r = item.draft.routing() != null ? item.draft.routing() : new Routing(null, null);
        List<FieldProblem> problems = new ArrayList<>();
        if (cheapest && item.draft.from() != null) {
            // a sender or sender name belongs to one channel; each priced channel uses its own default
            problems.add(new FieldProblem("from", "cannot be given with channel cheapest"));
        }
        if (!cheapest && item.draft.channel() != null) {
            problems.add(new FieldProblem("channels", "give either channel or channels, not both"));
        }
        if (cheapest && r.channels() == null) {
            // every channel of the workspace is a candidate
        } else if (r.channels() == null || r.channels().isEmpty() || r.channels().size() > MAX_CHANNELS) {
            problems.add(new FieldProblem("channels", "must name 1 to " + MAX_CHANNELS + " channels"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < r.channels().size(); i++) {
                String c = r.channels().get(i) == null ? "" : r.channels().get(i).toLowerCase(Locale.ROOT);
                if (c.equals("auto") || !DraftRules.CHANNELS.contains(c)) {
                    problems.add(new FieldProblem("channels[" + i + "]",
                            "must be one of [sms, whatsapp, email, rcs, telegram, webchat]"));
                } else if (!seen.add(c)) {
                    problems.add(new FieldProblem("channels[" + i + "]", "is named twice"));
                }
            }
        }
        if (r.fallbackAfterSeconds() != null && (r.fallbackAfterSeconds() < Routing.MIN_FALLBACK_SECONDS
                || r.fallbackAfterSeconds() > Routing.MAX_FALLBACK_SECONDS)) {
            problems.add(new FieldProblem("fallback_after_seconds", "must be between " + Routing.MIN_FALLBACK_SECONDS
                    + " and " + Routing.MAX_FALLBACK_SECONDS));
        }
        return problems;
    }

    /**
     * Returns the items that found a channel (their channel set); the others get their refusal in
     * {@code results}. A {@code cheapest} item is replaced in {@code routed} by its priced copy.
     */
    static List<AcceptanceItem> choose(List<AcceptanceItem> routed, Enqueued[] results, ChannelChecks checks,
            Offered offered) {
        List<AcceptanceItem> chosen = new ArrayList<>(routed.size());
        chosen.addAll(CheapestRoutes.choose(routed, results, checks, offered));
        List<AcceptanceItem> pending = routed.stream().filter(i -> !i.cheapest).toList();
        for (int round = 0; !pending.isEmpty(); round++) {
            List<AcceptanceItem> trying = new ArrayList<>(pending.size());
            for (AcceptanceItem item : pending) {
                List<String> order = item.routing.channels();
                if (round < order.size()) {
                    item.channel = order.get(round).toLowerCase(Locale.ROOT);
                    item.routeRound = round;
                    item.sender = null;
                    item.destination = null;
                    item.windowOpen = false;
                    item.templateCategory = null;
                    trying.add(item);
                } else {
                    results[item.index] = refusal(item);
                }
            }
            Enqueued[] scratch = new Enqueued[results.length];
            List<AcceptanceItem> passed = new ArrayList<>(trying);
            checks.run(passed, scratch);
            chosen.addAll(passed);
            Set<AcceptanceItem> ok = new HashSet<>(passed);
            pending = new ArrayList<>();
            for (AcceptanceItem item : trying) {
                if (!ok.contains(item)) {
                    var refused = (Enqueued.Refused) scratch[item.index];
                    item.skipped.add(new Skip(item.channel, refused.code(), refused.detail()));
                    pending.add(item);
                }
            }
        }
        return chosen;
    }

    /**
     * No channel took it: one channel answers its own refusal; several list each channel's, named
     * by their place in the order given, or by name when {@code cheapest} was given no channels.
     */
    static Enqueued.Refused refusal(AcceptanceItem item) {
        if (item.skipped.size() == 1) {
            Skip only = item.skipped.get(0);
            return Enqueued.Refused.of(only.code(), only.detail());
        }
        boolean named = item.draft.routing() == null || item.draft.routing().channels() == null;
        List<FieldProblem> each = new ArrayList<>();
        StringBuilder detail = new StringBuilder(item.cheapest ? "No channel could take this message:"
                : "No channel of the order could take this message:");
        for (int i = 0; i < item.skipped.size(); i++) {
            Skip s = item.skipped.get(i);
            each.add(named ? new FieldProblem("channel", s.channel() + ": " + s.code() + ": " + s.detail())
                    : new FieldProblem("channels[" + i + "]", s.code() + ": " + s.detail()));
            detail.append(i == 0 ? " " : "; ").append(s.channel()).append(' ').append(s.code());
        }
        return new Enqueued.Refused("no_channel", detail.toString(), each);
    }
}
