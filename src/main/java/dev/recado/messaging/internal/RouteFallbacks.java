package dev.recado.messaging.internal;

import dev.recado.common.PollingWorker;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.Routing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves routes on: a route is due when its current message was not delivered within the route's
 * timeout, or failed for good ({@link RouteOutcomes} makes it due at once). Every node polls; a due
 * route is claimed in the database (skip locked on PostgreSQL, and a guarded update everywhere), so
 * each move happens once, and the follow-up message is accepted in the same transaction through
 * the same acceptance as any other draft, or the route ends when no channel is left.
 */
@Component
class RouteFallbacks extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(RouteFallbacks.class);
    private static final int BATCH = 100;
    /** Channels whose messages end at {@code sent}: no delivery report will come, so sent is success. */
    static final Set<String> ENDS_AT_SENT = Set.of("email");

    private final RouteStore routes;
    private final MessageStore messages;
    private final MessageAcceptor acceptor;
    private final MessagingFacade facade;
    private final SenderRuntime runtime;
    private final TransactionTemplate tx;
    private final Clock clock;

    RouteFallbacks(RouteStore routes, MessageStore messages, MessageAcceptor acceptor, MessagingFacade facade,
            SenderRuntime runtime, TransactionTemplate tx, Clock clock,
            @Value("${recado.routes.poll-millis:1000}") long pollMillis) {
        super("route-fallbacks", Duration.ofMillis(pollMillis), 100);
        this.routes = routes;
        this.messages = messages;
        this.acceptor = acceptor;
        this.facade = facade;
        this.runtime = runtime;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    protected boolean pass() {
        Set<Long> wake = new HashSet<>();
        Integer handled = tx.execute(status -> {
            Instant now = clock.instant();
            List<RouteStore.Route> due = routes.due(now, BATCH);
            due.forEach(route -> moveOn(route, now, wake));
            return due.size();
        });
        wake.forEach(runtime::wake);
        return handled != null && handled == BATCH;
    }

    @Override
    protected void failed(RuntimeException e) {
        log.error("Moving due message routes on failed; they stay due and are tried again", e);
    }

    /** Inside the caller's transaction; does nothing when another transaction took the route first. */
    void moveOn(RouteStore.Route route, Instant now, Set<Long> wake) {
        if (!routes.take(route)) {
            return;
        }
        long id = route.currentMessageId();
        String channel = route.currentChannel();
        Message current = messages.find(route.workspaceId(), id).orElseThrow();
        MessageStatus status = current.status();
        if (status == MessageStatus.DELIVERED || status == MessageStatus.READ
                || status == MessageStatus.SENT && ENDS_AT_SENT.contains(channel)) {
            routes.step(route.id(), channel, "delivered", null, null, id, now);
            routes.end(route.id(), RouteStore.DELIVERED, id, now);
            return;
        }
        boolean failed = status.terminal() || route.dueReason() != null && route.dueReason().startsWith("failed:");
        if (failed) {
            routes.step(route.id(), channel, "failed", current.errorCode() != null ? current.errorCode() : status.toString(),
                    current.errorText(), id, now);
        } else {
            // the earlier message must not go out after the next one: stop it while it still can be
            if (status.cancelable()) {
                facade.cancel(route.workspaceId(), id);
            }
            routes.step(route.id(), channel, "timed_out", "not_delivered",
                    "not delivered within " + route.fallbackAfterSeconds() + " s (" + status + ")", id, now);
        }
        if (route.remaining().isEmpty()) {
            routes.end(route.id(), RouteStore.EXHAUSTED, null, now);
            return;
        }
        var next = route.draft().routed(new Routing(route.remaining(), route.fallbackAfterSeconds(), route.id()));
        // locked balance: this transaction already holds the route, so it must not be asked to start over
        var answer = acceptor.accept(route.workspaceId(), List.of(next), true).get(0);
        if (answer instanceof Enqueued.Accepted a && a.message().status() == MessageStatus.QUEUED) {
            wake.add(a.message().senderId());
        }
    }
}
