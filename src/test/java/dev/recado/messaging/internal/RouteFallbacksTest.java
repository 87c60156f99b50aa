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

/**
 * Two transactions (two nodes, or a node and its restart) that find one route due move it on once;
 * a delivery and a move on of one route serialize on the route row, whichever takes it first; a
 * follow-up a dispatcher claimed before the delivery is dropped at the dispatcher's last look, and
 * its route's history says so.
 */
@RecadoTest
class RouteFallbacksTest {

    /** Receipts an hour away: the SMS stays sent, so only the test makes its route due. */
    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofHours(1));

    /** A thread per transaction: the common pool may have one thread, and the first transaction waits in it. */
    private static final java.util.concurrent.Executor THREADS = r -> new Thread(r, "route-race").start();

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
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
    @Autowired
    dev.recado.common.IdBlocks ids;
    @Autowired
    DispatchQueue queue;
    @Autowired
    RouteFollowUps followUps;

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

    /** An SMS (receipts an hour away) on the route [sms, email], sent; email's sender never connects, so nothing of it leaves. */
    private long sentOnRoute(ApiClient api, String key) {
        var email = api.post("/v1/senders", key, """
                {"channel":"email","name":"Shop mail","smtp_host":"127.0.0.1","smtp_port":1,"tls":"none",
                 "username":"shop","password":"pw","from_address":"shop@example.com"}""");
        assertThat(email.status()).as(email.body()).isEqualTo(201);
        long n = 100_000 + System.nanoTime() % 900_000;
        var contact = api.post("/v1/contacts", key, "{\"phone\":\"+34613" + n + "\",\"email\":\"c" + n + "@example.com\"}");
        assertThat(contact.status()).as(contact.body()).isEqualTo(201);
        // a template, so each channel carries its own variant
        var template = api.post("/v1/templates", key, """
                {"name":"Aviso","purpose":"transactional","variants":[{"channel":"sms","language":"es","body":"Hola"},
                 {"channel":"email","language":"es","subject":"Aviso","text":"Hola"}]}""");
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        var sent = api.post("/v1/messages", key, "{\"to\":\"" + contact.text("id") + "\",\"channels\":[\"sms\",\"email\"],"
                + "\"template\":{\"id\":\"" + template.text("id") + "\"},\"fallback_after_seconds\":3600}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String id = sent.text("id");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> "sent".equals(api.get("/v1/messages/" + id, key).text("status")));
        return PublicId.parse("msg_", id).orElseThrow();
    }

    /** What the receipt applier does for a delivery report: the status, and its event, in one transaction. */
    private void deliver(long id) {
        var m = jdbc.sql("select workspace_id, contact_id, to_address, channel from messages where id = :id").param("id", id)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)}).single();
        jdbc.sql("update messages set status = 'delivered' where id = :id").param("id", id).update();
        events.publishEvent(new dev.recado.messaging.MessageStatusesChanged(List.of(new dev.recado.messaging.MessageStatusChanged(
                (Long) m[0], id, null, (Long) m[1], dev.recado.messaging.MessageStatus.DELIVERED, null, Instant.now(),
                (String) m[2], null, (String) m[3]))));
    }

    /** Another session waits for a row lock (no sleeping: asked of the database). */
    private void awaitSomeoneBlocked(CompletableFuture<Void> waiter) {
        String sql = ids.postgres()
                ? "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()"
                : "select count(*) from information_schema.sessions where blocker_id is not null";
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> jdbc.sql(sql).query(Long.class).single() > 0);
        } catch (RuntimeException e) {
            throw new AssertionError(waiter + " " + (waiter.isDone() ? waiter.handle((v, t) -> t).join() : "") + jdbc.sql("select * from information_schema.sessions").query().listOfRows().toString(), e);
        }
    }

    private List<String> stepsOf(long route) {
        return routes.steps(route).stream().map(s -> s.channel() + ":" + s.outcome()).toList();
    }

    private String statusOf(long message) {
        return jdbc.sql("select status from messages where id = :id").param("id", message).query(String.class).single();
    }

    /** A route [sms, email] of a new workspace whose SMS was sent, as a node finds it due two hours on. */
    private RouteStore.Route dueRoute(String systemId) {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Route race " + System.nanoTime());
        smscs.connectedSender(api, key, TestSmsc.systemId(systemId), "");
        long id = sentOnRoute(api, key);
        return tx.execute(s -> routes.due(Instant.now().plus(Duration.ofHours(2)), 1000)).stream()
                .filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    /**
     * {@code first} in a transaction left open, then {@code second} in another, which must be seen
     * waiting on a lock before the first commits; returns when both did.
     */
    private void interleave(Runnable first, Runnable second) {
        var done = new java.util.concurrent.CountDownLatch(1);
        var commit = new java.util.concurrent.CountDownLatch(1);
        var one = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            first.run();
            done.countDown();
            await(commit);
        }), THREADS);
        await(done);
        var two = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> second.run()), THREADS);
        awaitSomeoneBlocked(two);
        commit.countDown();
        one.join();
        two.join();
    }

    @Test
    void aDeliveryWaitingOnAMoveCancelsTheFollowUpBeforeItCommits() {
        RouteStore.Route due = dueRoute("rr");
        long id = due.id();
        interleave(() -> fallbacks.moveOn(due, due.dueAt().plusSeconds(1), new HashSet<>()), () -> deliver(id));

        long followUp = jdbc.sql("select message_id from route_messages where route_id = :r and message_id <> :r")
                .param("r", id).query(Long.class).single();
        assertThat(statusOf(followUp)).isEqualTo("canceled");
        assertThat(stepsOf(id)).containsExactly("sms:accepted", "sms:timed_out", "email:accepted", "sms:late_delivered",
                "email:canceled");
        assertThat(routes.steps(id).getLast().messageId()).isEqualTo(followUp);
        var route = routes.ofMessage(due.workspaceId(), id).orElseThrow();
        assertThat(route.state()).isEqualTo(RouteStore.DELIVERED);
        assertThat(route.deliveredMessageId()).isEqualTo(id);
    }

    @Test
    void aLateDeliveryCancelsTheQueuedFollowUpAndTheRouteHistorySaysSo() {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Late delivery " + System.nanoTime());
        smscs.connectedSender(api, key, TestSmsc.systemId("rl"), "");
        long id = sentOnRoute(api, key);
        RouteStore.Route due = tx.execute(s -> routes.due(Instant.now().plus(Duration.ofHours(2)), 1000)).stream()
                .filter(r -> r.id() == id).findFirst().orElseThrow();
        tx.executeWithoutResult(s -> fallbacks.moveOn(due, due.dueAt().plusSeconds(1), new HashSet<>()));
        long followUp = jdbc.sql("select message_id from route_messages where route_id = :r and message_id <> :r")
                .param("r", id).query(Long.class).single();
        assertThat(statusOf(followUp)).isEqualTo("queued");

        // the SMS's receipt comes after the email was queued (its sender never connects, so it is still there)
        tx.executeWithoutResult(s -> deliver(id));

        String emailId = PublicId.of("msg_", followUp);
        var email = api.get("/v1/messages/" + emailId, key);
        assertThat(email.text("status")).isEqualTo("canceled");
        assertThat(email.text("error_code")).isEqualTo(RouteFollowUps.ROUTE_DELIVERED);
        var route = api.get("/v1/messages/" + PublicId.of("msg_", id), key).json().path("route");
        assertThat(route.path("state").asString()).isEqualTo("delivered");
        var steps = new java.util.ArrayList<String>();
        route.path("steps").forEach(st -> steps.add(st.path("channel").asString() + ":" + st.path("outcome").asString()
                + (st.path("code").isMissingNode() || st.path("code").isNull() ? "" : ":" + st.path("code").asString())));
        assertThat(steps).containsExactly("sms:accepted", "sms:timed_out:not_delivered", "email:accepted",
                "sms:late_delivered", "email:canceled:route_delivered");
        var canceled = route.path("steps").path(4);
        assertThat(canceled.path("message_id").asString()).isEqualTo(emailId);
        assertThat(canceled.path("detail").asString()).contains("delivered on sms");
        // the follow-up's money is back: nothing stays reserved
        assertThat(reserved(due.workspaceId())).isZero();

        // a second report of the same delivery records nothing more
        tx.executeWithoutResult(s -> deliver(id));
        assertThat(stepsOf(id)).containsExactly("sms:accepted", "sms:timed_out", "email:accepted", "sms:late_delivered",
                "email:canceled");
    }

    @Test
    void aMoveWaitingOnADeliveryFindsTheRouteEnded() {
        RouteStore.Route due = dueRoute("rs");
        long id = due.id();
        interleave(() -> deliver(id), () -> fallbacks.moveOn(due, due.dueAt().plusSeconds(1), new HashSet<>()));

        assertThat(jdbc.sql("select count(*) from route_messages where route_id = :r").param("r", id)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(stepsOf(id)).containsExactly("sms:accepted", "sms:delivered");
        assertThat(routes.ofMessage(due.workspaceId(), id).orElseThrow().state()).isEqualTo(RouteStore.DELIVERED);
    }

    @Test
    void aFollowUpClaimedBeforeTheEarlierChannelDeliveredIsDroppedBeforeItLeaves() {
        RouteStore.Route due = dueRoute("rt");
        long id = due.id();
        tx.executeWithoutResult(s -> fallbacks.moveOn(due, due.dueAt().plusSeconds(1), new HashSet<>()));
        long followUp = jdbc.sql("select message_id from route_messages where route_id = :r and message_id <> :r")
                .param("r", id).query(Long.class).single();
        long emailSender = jdbc.sql("select sender_id from messages where id = :id").param("id", followUp)
                .query(Long.class).single();
        // claimed as its dispatcher would (that sender's own never claims: its server never answers)
        var claimed = queue.claim(emailSender, 10, Instant.now());
        assertThat(claimed).extracting(DispatchQueue.Claimed::id).containsExactly(followUp);
        assertThat(claimed.getFirst().continuesRoute()).isEqualTo(id);
        assertThat(followUps.stillWanted(claimed)).hasSize(1);

        // the SMS is reported delivered now: the follow-up, claimed, can no longer be canceled there
        tx.executeWithoutResult(s -> deliver(id));
        assertThat(statusOf(followUp)).isEqualTo("sending");
        assertThat(stepsOf(id)).containsExactly("sms:accepted", "sms:timed_out", "email:accepted", "sms:late_delivered");
        java.math.BigDecimal price = jdbc.sql("select price from messages where id = :id").param("id", followUp)
                .query(java.math.BigDecimal.class).single();
        assertThat(reserved(due.workspaceId())).isEqualByComparingTo(price);

        // the dispatcher's last look before submitting drops it, and its money comes back
        assertThat(followUps.stillWanted(claimed)).isEmpty();
        assertThat(statusOf(followUp)).isEqualTo("canceled");
        assertThat(jdbc.sql("select error_code from messages where id = :id").param("id", followUp).query(String.class)
                .single()).isEqualTo(RouteFollowUps.ROUTE_DELIVERED);
        assertThat(reserved(due.workspaceId())).isZero();
        assertThat(jdbc.sql("select count(*) from dispatch_queue where message_id = :id").param("id", followUp)
                .query(Long.class).single()).isZero();
        // the route's history says what became of the follow-up, once however often it is looked at
        assertThat(followUps.stillWanted(claimed)).isEmpty();
        assertThat(stepsOf(id)).containsExactly("sms:accepted", "sms:timed_out", "email:accepted", "sms:late_delivered",
                "email:canceled");
        var dropped = routes.steps(id).getLast();
        assertThat(dropped.code()).isEqualTo(RouteFollowUps.ROUTE_DELIVERED);
        assertThat(dropped.messageId()).isEqualTo(followUp);
        assertThat(dropped.detail()).contains("delivered");
    }

    @Test
    void aBatchWithoutFollowUpsIsLetThroughWithoutAskingAboutRoutes() {
        var plain = new DispatchQueue.Claimed(1, 1, null, null, "+34613000001", null, "x", null, false, 1, null,
                java.math.BigDecimal.ZERO, 1, null, "transactional", "sms", null);
        List<DispatchQueue.Claimed> batch = List.of(plain);
        assertThat(followUps.stillWanted(batch)).isSameAs(batch);
    }

    private java.math.BigDecimal reserved(long workspace) {
        return jdbc.sql("select reserved from billing_accounts where workspace_id = :ws").param("ws", workspace)
                .query(java.math.BigDecimal.class).single();
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            if (!latch.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other transaction did not get there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
