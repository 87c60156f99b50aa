package dev.recado.messaging.internal;

import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.MessageStatusChanged;
import dev.recado.messaging.MessageStatusesChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What a status change means for the route its message is on: a final failure makes the route due
 * at once (the move itself is {@link RouteFallbacks}'s); a delivery ends the route; a delivery of
 * a message the route already moved on from is recorded as late, and the route ends there, its
 * follow-up stopped if it has not left yet (a {@code canceled} step, as {@link RouteFollowUps} records),
 * so nothing further goes out.
 */
@Component
class RouteOutcomes {

    private static final Set<MessageStatus> FAILURES = Set.of(MessageStatus.FAILED, MessageStatus.UNDELIVERED,
            MessageStatus.EXPIRED, MessageStatus.REJECTED);

    private final RouteStore routes;
    private final RouteFallbacks fallbacks;
    private final MessagingFacade facade;
    private final Clock clock;

    RouteOutcomes(RouteStore routes, RouteFallbacks fallbacks, MessagingFacade facade, Clock clock) {
        this.routes = routes;
        this.fallbacks = fallbacks;
        this.facade = facade;
        this.clock = clock;
    }

    /**
     * Deliveries are handled in the transaction that records them, with the route row locked: a
     * move on that commits first is seen (its follow-up is canceled before this delivery commits,
     * unless a dispatcher already took it), and a move on that comes later finds the route ended.
     * Handled after commit instead, a follow-up could be claimed between the two.
     */
    @EventListener
    void delivered(MessageStatusesChanged batch) {
        Map<Long, MessageStatusChanged> successes = new HashMap<>();
        for (MessageStatusChanged c : batch.changes()) {
            // sent is success for channels without receipts (email); this listener runs in the
            // publishing transaction, so its events always name their channel
            if (delivered(c.status()) || c.status() == MessageStatus.SENT && RouteFallbacks.ENDS_AT_SENT.contains(c.channel())) {
                successes.put(c.messageId(), c);
            }
        }
        if (successes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (RouteStore.Member m : routes.lockRoutesOf(successes.keySet())) {
            delivered(m.route(), m.messageId(), successes.get(m.messageId()).channel(), now);
        }
    }

    @ApplicationModuleListener
    void on(MessageStatusesChanged batch) {
        Map<Long, MessageStatusChanged> failures = new HashMap<>();
        for (MessageStatusChanged c : batch.changes()) {
            if (FAILURES.contains(c.status())) {
                failures.put(c.messageId(), c);
            }
        }
        if (failures.isEmpty()) {
            return;
        }
        boolean due = false;
        Instant now = clock.instant();
        for (RouteStore.Member m : routes.routesOf(failures.keySet())) {
            MessageStatusChanged c = failures.get(m.messageId());
            due |= m.route().currentMessageId() == m.messageId()
                    && routes.failed(m.messageId(), "failed:" + (c.errorCode() == null ? c.status() : c.errorCode()), now);
        }
        if (due) {
            fallbacks.wake();
        }
    }

    private void delivered(RouteStore.Route route, long messageId, String channel, Instant now) {
        if (route.currentMessageId() == messageId) {
            if (RouteStore.ACTIVE.equals(route.state()) && !routes.hasStep(route.id(), messageId, "delivered")) {
                routes.step(route.id(), channel, "delivered", null, null, messageId, now);
                routes.end(route.id(), RouteStore.DELIVERED, messageId, now);
            }
            return;
        }
        // delivered after the route moved on: record it once, and let nothing more go out
        if (routes.hasStep(route.id(), messageId, "late_delivered")) {
            return;
        }
        routes.step(route.id(), channel, "late_delivered", null, null, messageId, now);
        if (RouteStore.ACTIVE.equals(route.state())) {
            routes.end(route.id(), RouteStore.DELIVERED, messageId, now);
            // as the dispatcher's last look does, the history says what became of the follow-up, and why
            long followUp = route.currentMessageId();
            String why = "the message was delivered on " + channel + " (late) before this one left";
            facade.cancel(route.workspaceId(), followUp, RouteFollowUps.ROUTE_DELIVERED, why)
                    .filter(MessagingFacade.Canceled::canceled)
                    .ifPresent(c -> routes.step(route.id(), c.message().channel(), RouteFollowUps.CANCELED,
                            RouteFollowUps.ROUTE_DELIVERED, why, followUp, now));
        }
    }

    private static boolean delivered(MessageStatus s) {
        return s == MessageStatus.DELIVERED || s == MessageStatus.READ;
    }
}
