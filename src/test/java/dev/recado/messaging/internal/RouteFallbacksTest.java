package dev.recado.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Two transactions (two nodes, or a node and its restart) that find one route due move it on once. */
@RecadoTest
class RouteFallbacksTest {

    /** Receipts an hour away: the SMS stays sent, so only the test makes its route due. */
    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofHours(1));

    @LocalServerPort
    int port;
    @Autowired
    RouteStore routes;
    @Autowired
    RouteFallbacks fallbacks;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aDueRouteMovesOnOnceWhenTwoTakeItTogether() throws Exception {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Routes " + System.nanoTime());
        smscs.connectedSender(api, key, TestSmsc.systemId("rf"), "");
        var sent = api.post("/v1/messages", key, "{\"to\":\"+34612" + (100_000 + System.nanoTime() % 900_000)
                + "\",\"channels\":[\"sms\",\"whatsapp\"],\"body\":\"Hola\",\"fallback_after_seconds\":3600}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long id = PublicId.parse("msg_", sent.text("id")).orElseThrow();

        Instant later = Instant.now().plus(Duration.ofHours(2));
        RouteStore.Route due = tx.execute(s -> routes.due(later, 1000)).stream().filter(r -> r.id() == id)
                .findFirst().orElseThrow();
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Void>> movers = List.of(1, 2).stream().map(n -> CompletableFuture.runAsync(() ->
                tx.executeWithoutResult(s -> {
                    await(together);
                    fallbacks.moveOn(due, later, new HashSet<>());
                }))).toList();
        movers.forEach(CompletableFuture::join);

        var steps = routes.steps(id).stream().map(s -> s.channel() + ":" + s.outcome()).toList();
        assertThat(steps).containsExactly("sms:accepted", "sms:timed_out", "whatsapp:skipped");
        assertThat(jdbc.sql("select state from message_routes where id = :id").param("id", id).query(String.class)
                .single()).isEqualTo(RouteStore.EXHAUSTED);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
