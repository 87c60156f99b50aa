package dev.recado.messaging.internal;

import dev.recado.messaging.Enqueued;
import dev.recado.messaging.MessageDraft;
import dev.recado.messaging.Routing;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Writes what acceptance decided for drafts with a channel order, in the acceptance's transaction:
 * a new route for a first message (with the channels passed over and why), or the next step of a
 * route a follow-up continues; a follow-up no channel took ends its route as exhausted.
 */
@Component
class RouteRecorder {

    private final RouteStore routes;

    RouteRecorder(RouteStore routes) {
        this.routes = routes;
    }

    void record(long workspaceId, List<AcceptanceItem> routed, Enqueued[] results, Instant now) {
        for (AcceptanceItem item : routed) {
            Routing routing = item.routing;
            Long continues = routing.continues();
            if (!(results[item.index] instanceof Enqueued.Accepted accepted)) {
                if (continues != null && item.skipped != null) {
                    item.skipped.forEach(s -> routes.step(continues, s.channel(), "skipped", s.code(), s.detail(), null, now));
                    routes.end(continues, RouteStore.EXHAUSTED, null, now);
                }
                continue;
            }
            if (accepted.repeated()) {
                continue;
            }
            long messageId = accepted.message().id();
            Instant start = item.sendAt != null ? item.sendAt : now;
            Instant due = start.plusSeconds(routing.fallbackSeconds());
            long routeId = continues != null ? continues : messageId;
            if (continues == null) {
                routes.create(messageId, workspaceId, routing.channels().stream().map(c -> c.toLowerCase(java.util.Locale.ROOT)).toList(),
                        item.routeRound, routing.fallbackSeconds(), MessageStore.JSON.writeValueAsString(stored(item)),
                        due, now);
            } else {
                routes.advance(routeId, messageId, item.routeRound + 1, due, now);
                routes.followUp(messageId, routeId);
            }
            item.skipped.forEach(s -> routes.step(routeId, s.channel(), "skipped", s.code(), s.detail(), null, now));
            routes.step(routeId, item.channel, "accepted", null, null, messageId, now);
        }
    }

    /** What a follow-up is made from: the draft for the contact, without its one-time references or order. */
    private static MessageDraft stored(AcceptanceItem item) {
        MessageDraft d = item.draft;
        // the contact, not the address given: a later channel needs that person's identity there
        return new MessageDraft(dev.recado.common.PublicId.of("ct_", item.contact.id()), null, d.from(), d.content(), d.purpose(), d.sendAt(), d.validitySeconds(),
                d.priority(), d.metadata(), d.statusCallback(), d.smartEncoding(), d.strictlyNecessary(), null, null,
                d.campaignId());
    }
}
