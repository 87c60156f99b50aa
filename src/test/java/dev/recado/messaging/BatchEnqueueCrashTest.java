package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.smpp.SimulatedSubmission;
import dev.recado.channels.smpp.SmscSimulator;
import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.ServerProcess;
import dev.recado.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;

/**
 * Crash safety of batch acceptance: a real server process takes {@code POST /v1/messages/batch}
 * (1,000 items, each with a {@code client_ref}, an {@code Idempotency-Key} per batch) from several
 * clients and is killed with SIGKILL while some batches are committed and others are not, then
 * started again on the same database. The clients do what a real one does: send again, with the
 * same key and body, every batch they got no answer for (and, to check the replays, every other one).
 * Afterwards every client_ref is in {@code messages} exactly once with the id every answer named,
 * each message is reserved or charged exactly once, none waits without its dispatch queue row, and
 * the SMSC simulator receives every message exactly once.
 *
 * <p>The kill is timed by the answers the clients got, not by counting rows: an H2 file is open in
 * one process at a time, so the test cannot read it while the server runs. With {@value #KILL_AFTER}
 * answers in, at least that many batches are committed, and at most {@value #CLIENTS} more can be
 * (one request per client), so the kill always falls between "some" and "all".
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("server-process")
class BatchEnqueueCrashTest {

    private static final int BATCHES = 12;
    private static final int ITEMS = 1_000;
    private static final int CLIENTS = 4;
    private static final int KILL_AFTER = BATCHES / 3;
    private static final int MESSAGES = BATCHES * ITEMS;
    private static final BigDecimal PRICE = new BigDecimal("0.04"); // one segment to a Spanish mobile
    private static final String KEY = "rk_batchcrash_" + Long.toString(System.nanoTime(), 36) + "0123456789abcdef";
    private static final String PLATFORM_KEY = "batch-crash-platform-key-0123456789";
    private static final String WITHOUT_QUEUE_ROW = """
            select count(*) from messages m where m.status in ('queued', 'scheduled', 'sending')
               and not exists (select 1 from dispatch_queue q where q.message_id = m.id)""";

    private Path dir;
    private SmscSimulator smsc;
    private CrashDatabase database;
    private ServerProcess server;
    /** Per batch, the id each client_ref was answered with before the kill. */
    private final Map<Integer, Map<String, String>> answeredBeforeKill = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("recado-batch-crash");
        smsc = SmscSimulator.onPort(0, 2 * MESSAGES, java.time.Clock.systemUTC())
                .receiptDelay(Duration.ofMillis(20)).receiptRetention(Duration.ofMinutes(5)).start();
        database = new CrashDatabase(dir);
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (server != null) {
            server.close();
        }
        smsc.close();
        database.close();
        if (Boolean.getBoolean("recado.crash.keep")) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void killedWhileAcceptingBatchesTheRetriesFindEveryMessageExactlyOnce() throws Exception {
        long t0 = System.nanoTime();
        server = run("1-batches");
        ApiClient api = new ApiClient(server.port());
        long workspaceId = setUp(api);
        BigDecimal balance = new BigDecimal(api.get("/v1/billing/balance", KEY).text("balance"));
        long t1 = System.nanoTime();
        sendUntilKilled(api);
        long t2 = System.nanoTime();

        // what the kill left: whole batches or nothing, every queued message in the queue, money held once
        Map<String, Long> refsAtKill = database.map("select client_ref, id from messages", String.class, Long.class);
        Map<Integer, Long> rowsPerBatch = refsAtKill.keySet().stream()
                .collect(Collectors.groupingBy(BatchEnqueueCrashTest::batchOf, Collectors.counting()));
        assertThat(rowsPerBatch.values()).as("a batch commits whole or not at all").allMatch(n -> n == ITEMS);
        assertThat(rowsPerBatch.keySet()).as("batches committed at the kill")
                .containsAll(answeredBeforeKill.keySet()).hasSizeLessThan(BATCHES);
        long committedUnanswered = rowsPerBatch.keySet().stream().filter(b -> !answeredBeforeKill.containsKey(b)).count();
        assertThat(count(WITHOUT_QUEUE_ROW)).as("queued messages without a dispatch queue row at the kill").isZero();
        assertThat(unaccountedMoney(workspaceId)).as("reserved + charged - prices at the kill").isEqualByComparingTo("0");
        long claimsLeft = count("select count(*) from idempotency_keys where response_status is null");
        Map<String, Long> statusesAtKill = database.map("select status, count(*) from messages group by status",
                String.class, Long.class);

        server = run("2-recovery");
        api = new ApiClient(server.port());
        Map<Integer, Map<String, String>> answers = sendAll(api);
        answeredBeforeKill.forEach((batch, ids) -> assertThat(answers.get(batch))
                .as("batch %d answered again after the restart", batch).isEqualTo(ids));
        ApiClient recovered = api;
        // a bound, not a pace: in the full suite on H2 the last 96 of 24,000 were still on their way at 90 s
        awaitOrShowLog(Duration.ofMinutes(3), Duration.ofSeconds(1), "every message delivered",
                () -> unfinished(recovered).isEmpty());
        BigDecimal balanceAfter = new BigDecimal(api.get("/v1/billing/balance", KEY).text("balance"));
        if (claimsLeft > 0) {
            assertThat(server.logText()).as("claims the killed run left, freed at start")
                    .contains("Freed " + claimsLeft + " idempotency keys");
        }
        server.stop();
        long t3 = System.nanoTime();

        // every client_ref exactly once (the unique key would refuse a second), with the id every answer named
        Map<String, String> named = new HashMap<>();
        answers.values().forEach(named::putAll);
        Map<String, String> stored = new HashMap<>();
        database.map("select client_ref, id from messages", String.class, Long.class)
                .forEach((ref, id) -> stored.put(ref, reference(id)));
        assertThat(count("select count(*) from messages")).isEqualTo(MESSAGES);
        assertThat(stored).hasSize(MESSAGES).isEqualTo(named);
        assertThat(database.map("select status, count(*) from messages group by status", String.class, Long.class))
                .as(server.tail(40)).containsExactly(Map.entry("delivered", (long) MESSAGES));
        assertThat(count(WITHOUT_QUEUE_ROW)).isZero();
        // reserved or charged once per message: all charged now, nothing left reserved
        assertThat(unaccountedMoney(workspaceId)).isEqualByComparingTo("0");
        assertThat(reserved(workspaceId)).as(() -> moneyTrail(workspaceId)).isEqualByComparingTo("0");
        assertThat(balanceAfter).isEqualByComparingTo(balance.subtract(PRICE.multiply(BigDecimal.valueOf(MESSAGES))));
        // every batch key ends with its stored answer, none left claimed by a request that died
        assertThat(count("select count(*) from idempotency_keys where response_status is null")).isZero();
        // sent exactly once: every reference once at the SMSC, and only ours
        assertThat(smsc.duplicatedReferences()).isEmpty();
        List<SimulatedSubmission> submitted = smsc.submissions();
        assertThat(submitted).hasSize(MESSAGES);
        assertThat(submitted.stream().map(SimulatedSubmission::reference).collect(Collectors.toSet()))
                .isEqualTo(new HashSet<>(named.values()));

        System.out.printf("BatchEnqueueCrashTest (%s): setup %.1fs, batches until kill %.1fs, recovery and delivery"
                + " %.1fs; at the kill: %d batches answered, %d committed without an answer, %d keys claimed without"
                + " an answer, statuses %s%n",
                TestDatabase.postgres() ? "postgres" : "h2", seconds(t1 - t0), seconds(t2 - t1), seconds(t3 - t2),
                answeredBeforeKill.size(), committedUnanswered, claimsLeft, statusesAtKill);
    }

    /** The SMPP sender (the default at once) and credit for every message; returns the workspace id. */
    private long setUp(ApiClient api) {
        var sender = api.post("/v1/senders", KEY, """
                {"channel":"sms","name":"Carrier","host":"127.0.0.1","port":%d,"system_id":"batchcrash","password":"pw",
                 "source_address":"Recado","rate_per_second":5000,"window":50,"reconcile_by_query":true,"default":true}"""
                .formatted(smsc.port()));
        assertThat(sender.status()).as(sender.body()).isEqualTo(201);
        String workspace = api.get("/v1/workspaces", PLATFORM_KEY).json().get("data").get(0).get("id").asString();
        var credit = api.post("/v1/workspaces/" + workspace + "/credit", PLATFORM_KEY,
                "{\"amount\":" + PRICE.multiply(BigDecimal.valueOf(MESSAGES)) + "}");
        assertThat(credit.status()).as(credit.body()).isEqualTo(201);
        return PublicId.parse("ws_", workspace).orElseThrow();
    }

    /** The clients send batches until the server is killed, which happens once {@value #KILL_AFTER} are answered. */
    private void sendUntilKilled(ApiClient api) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> clients = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (int b = next.getAndIncrement(); b < BATCHES; b = next.getAndIncrement()) {
                        try {
                            answeredBeforeKill.put(b, ids(send(api, b)));
                        } catch (UncheckedIOException killed) {
                            return; // no answer: this batch is sent again after the restart
                        }
                    }
                }));
            }
            awaitOrShowLog(Duration.ofSeconds(120), Duration.ofMillis(10), KILL_AFTER + " batches answered",
                    () -> answeredBeforeKill.size() >= KILL_AFTER);
            server.kill();
        }
        for (Future<?> client : clients) {
            client.get(); // a client's failed assertion (a refused item, a 5xx) fails the test here
        }
    }

    /** After the restart: every batch again with its key, answered ones too (they must replay the same ids). */
    private Map<Integer, Map<String, String>> sendAll(ApiClient api) throws Exception {
        Map<Integer, Future<Map<String, String>>> pending = new HashMap<>();
        try (var pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int b = 0; b < BATCHES; b++) {
                int batch = b;
                pending.put(batch, pool.submit(() -> ids(sendWhenFree(api, batch))));
            }
        }
        Map<Integer, Map<String, String>> answers = new HashMap<>();
        for (var e : pending.entrySet()) {
            answers.put(e.getKey(), e.getValue().get());
        }
        return answers;
    }

    /**
     * A client told that its key's request is still in progress tries again later; after a restart no
     * request can be, so this must not take long (a claim left by the killed process is not a request).
     */
    private JsonNode sendWhenFree(ApiClient api, int batch) {
        JsonNode[] answer = new JsonNode[1];
        await("batch " + batch + " answered, not 'idempotency_in_progress', after the restart")
                .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            answer[0] = send(api, batch);
            return answer[0] != null;
        });
        return answer[0];
    }

    /** The batch's data, or null when the server says a request with its key is still in progress. */
    private static JsonNode send(ApiClient api, int batch) {
        var r = api.post("/v1/messages/batch", KEY, body(batch), Map.of("Idempotency-Key", "crash-batch-" + batch));
        if (r.status() == 409 && "idempotency_in_progress".equals(r.text("code"))) {
            return null;
        }
        assertThat(r.status()).as("batch %d: %s", batch, r.body()).isEqualTo(200);
        JsonNode data = r.json().get("data");
        assertThat(data).hasSize(ITEMS);
        for (JsonNode item : data) {
            assertThat(item.has("id")).as("batch %d item accepted: %s", batch, item).isTrue();
        }
        return data;
    }

    private static Map<String, String> ids(JsonNode data) {
        if (data == null) {
            throw new AssertionError("a batch key stayed in progress before the kill");
        }
        Map<String, String> ids = new HashMap<>();
        data.forEach(item -> ids.put(item.get("client_ref").asString(), item.get("id").asString()));
        return ids;
    }

    private static String body(int batch) {
        return IntStream.range(0, ITEMS).mapToObj(i -> {
            int n = batch * ITEMS + i;
            return "{\"to\":\"+34612%06d\",\"body\":\"Pedido %d enviado\",\"client_ref\":\"%s\"}"
                    .formatted(n, n, clientRef(batch, i));
        }).collect(Collectors.joining(",", "{\"messages\":[", "]}"));
    }

    private static String clientRef(int batch, int item) {
        return "b%02d-%04d".formatted(batch, item);
    }

    private static int batchOf(String clientRef) {
        return Integer.parseInt(clientRef.substring(1, 3));
    }

    /** Reserved plus charged minus the prices of every message, read in one statement: zero when each is held once. */
    private BigDecimal unaccountedMoney(long workspaceId) throws Exception {
        return decimal("""
                select a.reserved
                     + coalesce((select -sum(l.amount) from billing_ledger l
                                  where l.workspace_id = a.workspace_id and l.kind = 'usage'), 0)
                     - coalesce((select sum(m.price) from messages m where m.workspace_id = a.workspace_id), 0)
                  from billing_accounts a where a.workspace_id = """ + workspaceId);
    }

    /** What a money failure needs explained: how the messages ended, what was charged, what the server warned of. */
    private String moneyTrail(long workspaceId) {
        try {
            return "messages by (settled, attempts, error_code): " + database.map("""
                    select settled || '/' || attempts || '/' || coalesce(error_code, '-'), count(*)
                      from messages group by settled, attempts, error_code""", String.class, Long.class)
                    + "\nusage lines: " + database.map("""
                    select count(*) || ' lines, ' || coalesce(sum(quantity), 0) || ' messages', -sum(amount)
                      from billing_ledger where kind = 'usage' and workspace_id = """ + workspaceId, String.class,
                    BigDecimal.class)
                    + "\nserver warnings:\n" + server.logText().lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                            .limit(60).collect(Collectors.joining("\n"));
        } catch (Exception e) {
            return "money trail unavailable: " + e;
        }
    }

    private BigDecimal reserved(long workspaceId) throws Exception {
        return decimal("select reserved from billing_accounts where workspace_id = " + workspaceId);
    }

    private long count(String sql) throws Exception {
        return decimal(sql).longValueExact();
    }

    private BigDecimal decimal(String sql) throws Exception {
        try (Connection c = database.connect(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getBigDecimal(1);
        }
    }

    private ServerProcess run(String name) {
        Map<String, String> env = new HashMap<>(database.env());
        env.putAll(Map.of("RECADO_DATA_DIR", dir.toString(), "RECADO_BOOTSTRAP_API_KEY", KEY,
                "RECADO_PLATFORM_API_KEY", PLATFORM_KEY, "RECADO_DEMO_WORKSPACE", "false", "RECADO_SANDBOX", "false",
                "RECADO_ADMIN_PASSWORD", "batch-crash-admin-password"));
        return ServerProcess.start(name, dir, env).awaitReady(Duration.ofSeconds(120));
    }

    /** Statuses, among those not final, that still hold a message (asked through the API). */
    private static Set<String> unfinished(ApiClient api) {
        return Stream.of("scheduled", "queued", "sending", "sent")
                .filter(status -> !api.get("/v1/messages?limit=1&status=" + status, KEY).json().get("data").isEmpty())
                .collect(Collectors.toSet());
    }

    /** Waits for the condition; fails with the server's last lines if it is not met or the server dies. */
    private void awaitOrShowLog(Duration atMost, Duration every, String what, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(every).until(() -> !server.alive() || condition.call());
        } catch (ConditionTimeoutException e) {
            String log = server.tail(40);
            server.kill();
            throw new AssertionError("not reached within " + atMost + ": " + what + "; " + smsc.counters() + "\n"
                    + database.unfinished() + "\n" + log, e);
        }
        assertThat(server.alive()).as("server running while waiting for: " + what + "\n" + server.tail(60)).isTrue();
    }

    private static String reference(long messageId) {
        return PublicId.of("msg_", messageId);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
