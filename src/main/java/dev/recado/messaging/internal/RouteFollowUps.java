package dev.recado.messaging.internal;

import dev.recado.messaging.MessageStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A dispatcher's last look before submitting: a route's follow-up it claimed after an earlier
 * channel of that route delivered (the delivery could no longer cancel it, being claimed) is ended
 * as canceled, its reservation given back, instead of going out. One query per claimed batch, and
 * only when the batch holds a follow-up ({@code messages.continues_route}); what remains is the
 * time between this look and the submit itself (the batch's window and pacing waits).
 */
@Component
class RouteFollowUps {

    static final String ROUTE_DELIVERED = "route_delivered";

    private final JdbcClient jdbc;
    private final UnsentFailures unsent;

    RouteFollowUps(JdbcClient jdbc, UnsentFailures unsent) {
        this.jdbc = jdbc;
        this.unsent = unsent;
    }

    /** The claimed messages that should still go out; those whose route was delivered meanwhile end here. */
    List<DispatchQueue.Claimed> stillWanted(List<DispatchQueue.Claimed> batch) {
        Set<Long> routes = new HashSet<>();
        batch.forEach(m -> {
            if (m.continuesRoute() != null) {
                routes.add(m.continuesRoute());
            }
        });
        if (routes.isEmpty()) {
            return batch;
        }
        Set<Long> delivered = new HashSet<>(jdbc.sql("select id from message_routes where id in (:ids) and state = :s")
                .param("ids", routes).param("s", RouteStore.DELIVERED).query(Long.class).list());
        if (delivered.isEmpty()) {
            return batch;
        }
        List<DispatchQueue.Claimed> go = new ArrayList<>(batch.size());
        List<UnsentFailures.Unsent> dropped = new ArrayList<>();
        for (DispatchQueue.Claimed m : batch) {
            if (m.continuesRoute() != null && delivered.contains(m.continuesRoute())) {
                dropped.add(UnsentFailures.Unsent.of(m));
            } else {
                go.add(m);
            }
        }
        unsent.end(dropped, MessageStatus.CANCELED, ROUTE_DELIVERED,
                "an earlier channel of its route delivered the message before this one left");
        return go;
    }
}
