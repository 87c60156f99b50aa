package dev.recado.messaging.internal;

import dev.recado.common.SetStatements;
import dev.recado.messaging.MessageStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A dispatcher's last look before submitting: a route's follow-up it claimed after an earlier
 * channel of that route delivered (the delivery could no longer cancel it, being claimed) is ended
 * as canceled, its reservation given back, instead of going out. One query per claimed batch, and
 * only when the batch holds a follow-up ({@code messages.continues_route}); what remains is the
 * time between this look and the submit itself (the batch's window and pacing waits). The route's
 * history records each drop as a {@code canceled} step with the reason, in the transaction that
 * ends the message, so the route never shows a follow-up accepted and then nothing.
 */
@Component
class RouteFollowUps {

    static final String ROUTE_DELIVERED = "route_delivered";

    static final String CANCELED = "canceled";
    private static final String WHY = "an earlier channel of its route delivered the message before this one left";

    private final JdbcClient jdbc;
    private final UnsentFailures unsent;
    private final RouteStore routes;

    RouteFollowUps(JdbcClient jdbc, UnsentFailures unsent, RouteStore routes) {
        this.jdbc = jdbc;
        this.unsent = unsent;
        this.routes = routes;
    }

    /** The claimed messages that should still go out; those whose route was delivered meanwhile end here. */
    List<DispatchQueue.Claimed> stillWanted(List<DispatchQueue.Claimed> batch) {
        Set<Long> continued = new HashSet<>();
        batch.forEach(m -> {
            if (m.continuesRoute() != null) {
                continued.add(m.continuesRoute());
            }
        });
        if (continued.isEmpty()) {
            return batch;
        }
        Set<Long> delivered = new HashSet<>(jdbc.sql("select id from message_routes where id = any(:ids) and state = :s")
                .param("ids", SetStatements.bigints(continued)).param("s", RouteStore.DELIVERED).query(Long.class).list());
        if (delivered.isEmpty()) {
            return batch;
        }
        List<DispatchQueue.Claimed> go = new ArrayList<>(batch.size());
        List<UnsentFailures.Unsent> dropped = new ArrayList<>();
        Map<Long, Long> routeOf = new HashMap<>();
        for (DispatchQueue.Claimed m : batch) {
            if (m.continuesRoute() != null && delivered.contains(m.continuesRoute())) {
                dropped.add(UnsentFailures.Unsent.of(m));
                routeOf.put(m.id(), m.continuesRoute());
            } else {
                go.add(m);
            }
        }
        unsent.end(dropped, MessageStatus.CANCELED, ROUTE_DELIVERED, WHY, (ended, now) -> ended.forEach(m ->
                routes.step(routeOf.get(m.id()), m.channel(), CANCELED, ROUTE_DELIVERED, WHY, m.id(), now)));
        return go;
    }
}
