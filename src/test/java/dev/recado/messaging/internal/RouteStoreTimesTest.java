package dev.recado.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A route's due time is written and compared again later: a failure makes the route due "now", and
 * the fallback worker asks for routes due at or before its now. With the clock's nanoseconds the
 * same instant could miss itself on H2, which rounds what it stores and compares a parameter at
 * full precision.
 */
@RecadoTest
class RouteStoreTimesTest {

    @Autowired
    RouteStore routes;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aRouteMadeDueAtAnInstantIsDueAtThatSameInstant() {
        long id = Long.MAX_VALUE - System.nanoTime() % 1_000_000_000L;
        // a day ahead, so the running fallback worker never takes this route; 600 ns past the microsecond
        Instant now = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MICROS).plusNanos(600);
        try {
            routes.create(id, 1, List.of("sms", "email"), 0, 3600, "{}", now.plusSeconds(3600), now);
            assertThat(routes.failed(id, "failed:test", now)).isTrue();

            List<RouteStore.Route> due = tx.execute(s -> routes.due(now, 10_000));
            assertThat(due).extracting(RouteStore.Route::id).contains(id);
            assertThat(routes.take(due.stream().filter(r -> r.id() == id).findFirst().orElseThrow())).isTrue();
        } finally {
            jdbc.sql("delete from route_messages where route_id = :id").param("id", id).update();
            jdbc.sql("delete from message_routes where id = :id").param("id", id).update();
        }
    }
}
