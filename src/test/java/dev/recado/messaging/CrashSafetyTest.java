package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.channels.smpp.SimulatedSubmission;
import dev.recado.channels.smpp.SmscSimulator;
import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.ServerProcess;
import dev.recado.support.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Crash safety, proven on a real server process killed with SIGKILL (kill -9) while it dispatches
 * 20,000 messages to an SMSC simulator over SMPP, then started again on the same database: every
 * message ends delivered, none is lost, none is submitted twice, none is charged twice.
 *
 * <p>How it runs, and why:
 * <ol>
 * <li>A first run of the server creates the schema, the bootstrap workspace and, through the API, an
 * SMPP sender with {@code reconcile_by_query}; the workspace is credited through the platform API.
 * It is then stopped gracefully.</li>
 * <li>The 20,000 messages are written straight into the database, shaped exactly as the API writes
 * accepted ones (see {@link CrashDatabase#seed}). Accepting them through POST /v1/messages would
 * take minutes on a small machine and test the API, not crash safety; seeding while no server runs
 * also suits H2, whose file one process opens at a time.</li>
 * <li>A second run dispatches them; once the simulator has received about 30% it is killed with
 * SIGKILL. Messages then sit in 'sending': claimed and perhaps submitted, outcome not recorded.</li>
 * <li>A third run starts on the same data. Before its dispatcher claims anything it reconciles every
 * 'sending' message with query_sm by our reference: what the SMSC has is recorded as sent with the
 * SMSC's ids (its receipt, which the SMSC retries while the client is away, then applies), what it
 * never saw is queued again, and what it cannot tell would fail as {@code in_flight_at_crash} and
 * never be re-sent. Here the simulator answers every query, so that count must be zero.</li>
 * </ol>
 * "Final" is delivered here: the simulator reports every message delivered, so any other status at
 * the end (queued, sending, sent, failed) is a message lost or stuck. The simulator keeps retrying
 * the receipts the killed run never acknowledged, as an SMSC does, until the third run takes them.
 *
 * <p>The seeded messages cost the list price, so the balance also proves none was charged twice.
 * With {@code -Drecado.crash.keep=true} the temporary directory (the three servers' logs, the H2
 * file) is left for inspection ({@link CrashRig}).
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("server-process")
class CrashSafetyTest {

    private static final int MESSAGES = 20_000;
    private static final BigDecimal PRICE = new BigDecimal("0.040000"); // the list price of +346 numbers
    private static final String KEY = "rk_crash_" + Long.toString(System.nanoTime(), 36) + "0123456789abcdef";
    private static final String PLATFORM_KEY = CrashRig.PLATFORM_KEY;
    private static final Pattern RECONCILED = Pattern.compile(
            "reconciled (\\d+) in-flight messages after restart: (\\d+) sent, (\\d+) queued again, (\\d+) failed");

    private record Setup(long workspaceId, long senderId, BigDecimal balance) {
    }

    /** What the killed run left: SMSC submits, statuses, the ids in 'sending' and how many the SMSC had. */
    private record AtKill(long submitted, Map<String, Long> statuses, Set<Long> sending, long smscHas) {
    }

    private CrashRig rig;
    private SmscSimulator smsc;
    private CrashDatabase database;
    private ServerProcess server;

    @BeforeEach
    void start() throws IOException {
        rig = new CrashRig("recado-crash", 2 * MESSAGES, KEY);
        smsc = rig.smsc();
        database = rig.database();
    }

    @AfterEach
    void cleanUp() throws IOException {
        rig.close();
    }

    @Test
    void killedWhileDispatchingItResumesWithoutLosingOrRepeatingAMessage() throws Exception {
        long t0 = System.nanoTime();
        Setup setup = setUp();
        long t1 = System.nanoTime();
        List<Long> ids = database.seed(setup.workspaceId(), setup.senderId(), MESSAGES, PRICE);
        long t2 = System.nanoTime();
        AtKill atKill = dispatchAndKill();
        long t3 = System.nanoTime();

        server = run("3-recovery");
        ApiClient api = new ApiClient(server.port());
        awaitOrShowLog(Duration.ofMinutes(3), Duration.ofSeconds(2), "every message delivered",
                () -> unfinished(api).isEmpty());
        BigDecimal balanceAfter = new BigDecimal(api.get("/v1/billing/balance", KEY).text("balance"));
        String recoveryLog = server.logText();
        server.stop();
        long t4 = System.nanoTime();

        // none lost, all delivered (so none failed as in_flight_at_crash), none waiting
        assertThat(database.map("select status, count(*) from messages group by status", String.class, Long.class))
                .as(server.tail(40)).containsExactly(Map.entry("delivered", (long) MESSAGES));
        assertThat(database.map("select 'early', count(*) from early_receipts", String.class, Long.class))
                .containsEntry("early", 0L);
        assertThat(database.map("select 'held', count(*) from receipt_inbox", String.class, Long.class))
                .containsEntry("held", 0L);
        // none submitted twice: every reference exactly once, and exactly ours
        assertThat(smsc.duplicatedReferences()).isEmpty();
        List<SimulatedSubmission> submitted = smsc.submissions();
        assertThat(submitted).hasSize(MESSAGES);
        Map<String, String> idByReference = submitted.stream()
                .collect(Collectors.toMap(SimulatedSubmission::reference, SimulatedSubmission::messageId));
        assertThat(idByReference.keySet()).isEqualTo(ids.stream().map(CrashSafetyTest::reference)
                .collect(Collectors.toSet()));
        // each message recorded with the id the SMSC gave it, reconciled ones included
        Map<Long, String> expected = new HashMap<>();
        ids.forEach(id -> expected.put(id, idByReference.get(reference(id))));
        assertThat(database.map("select message_id, provider_id from message_parts", Long.class, String.class))
                .isEqualTo(expected);
        assertThat(smsc.counters().receiptsDropped()).isZero();
        // charged exactly once per message
        BigDecimal cost = PRICE.multiply(BigDecimal.valueOf(MESSAGES));
        assertThat(balanceAfter).isEqualByComparingTo(setup.balance().subtract(cost));
        // the messages in flight were resolved by asking the SMSC before anything was dispatched
        Matcher reconciled = RECONCILED.matcher(recoveryLog);
        assertThat(reconciled.find()).as("reconciliation logged\n" + server.tail(40)).isTrue();
        assertThat(Long.parseLong(reconciled.group(1))).as("reconciled").isEqualTo(atKill.sending().size());
        assertThat(Long.parseLong(reconciled.group(2))).as("found at the SMSC").isEqualTo(atKill.smscHas());
        assertThat(Long.parseLong(reconciled.group(4))).as("failed as in_flight_at_crash").isZero();
        assertThat(smsc.counters().queries()).isGreaterThanOrEqualTo(atKill.sending().size());

        System.out.printf("CrashSafetyTest (%s): setup %.1fs, seed %.1fs, dispatch until kill %.1fs, recovery %.1fs;"
                + " at the kill: %d submitted, statuses %s, %d in flight of which the SMSC had %d; %s%n",
                TestDatabase.postgres() ? "postgres" : "h2", seconds(t1 - t0), seconds(t2 - t1), seconds(t3 - t2),
                seconds(t4 - t3), atKill.submitted(), atKill.statuses(), atKill.sending().size(), atKill.smscHas(),
                reconciled.group());
    }

    /** The first run: schema, bootstrap workspace, the SMPP sender and enough credit; then a clean stop. */
    private Setup setUp() {
        server = run("1-setup");
        ApiClient api = new ApiClient(server.port());
        var sender = api.post("/v1/senders", KEY, """
                {"channel":"sms","name":"Carrier","host":"127.0.0.1","port":%d,"system_id":"crash","password":"pw",
                 "source_address":"Recado","rate_per_second":5000,"window":50,"reconcile_by_query":true}"""
                .formatted(smsc.port()));
        assertThat(sender.status()).as(sender.body()).isEqualTo(201);
        String workspace = api.get("/v1/workspaces", PLATFORM_KEY).json().get("data").get(0).get("id").asString();
        var credit = api.post("/v1/workspaces/" + workspace + "/credit", PLATFORM_KEY,
                "{\"amount\":" + PRICE.multiply(BigDecimal.valueOf(MESSAGES)) + "}");
        assertThat(credit.status()).as(credit.body()).isEqualTo(201);
        BigDecimal balance = new BigDecimal(api.get("/v1/billing/balance", KEY).text("balance"));
        server.stop();
        return new Setup(PublicId.parse("ws_", workspace).orElseThrow(),
                PublicId.parse("snd_", sender.text("id")).orElseThrow(), balance);
    }

    /** The second run, killed with SIGKILL once the SMSC has about 30%; what the database then holds. */
    private AtKill dispatchAndKill() throws Exception {
        server = run("2-dispatch");
        awaitOrShowLog(Duration.ofSeconds(120), Duration.ofMillis(10), "30% submitted",
                () -> smsc.counters().submits() >= MESSAGES * 3 / 10);
        server.kill();
        long submitted = smsc.counters().submits();
        assertThat(submitted).as("submitted when killed").isBetween(MESSAGES / 5L, MESSAGES * 3L / 5);
        Map<String, Long> statuses = database.map("select status, count(*) from messages group by status",
                String.class, Long.class);
        Set<Long> sending = database.map("select id, status from messages where status = 'sending'", Long.class,
                String.class).keySet();
        assertThat(sending).as("messages in flight at the kill").isNotEmpty();
        long smscHas = sending.stream().filter(id -> smsc.lookupByReference(reference(id)).isPresent()).count();
        return new AtKill(submitted, statuses, sending, smscHas);
    }

    private ServerProcess run(String name) {
        return rig.run(name, Map.of());
    }

    /** Statuses, among those not final, that still hold a message (asked through the API). */
    private static Set<String> unfinished(ApiClient api) {
        return Stream.of("queued", "sending", "sent")
                .filter(status -> !api.get("/v1/messages?limit=1&status=" + status, KEY).json().get("data").isEmpty())
                .collect(Collectors.toSet());
    }

    private void awaitOrShowLog(Duration atMost, Duration every, String what, Callable<Boolean> condition) {
        rig.awaitOrShowLog(atMost, every, what, condition);
    }

    private static String reference(long messageId) {
        return PublicId.of("msg_", messageId);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
