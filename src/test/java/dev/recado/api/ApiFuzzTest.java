package dev.recado.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.recado.support.ApiClient;
import dev.recado.support.RawHttp;
import dev.recado.support.RecadoTest;
import dev.recado.support.RowCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Reads /v3/api-docs and sends every operation generated bad requests ({@link FuzzCases}) and
 * concurrent duplicates. Asserts: never a 5xx, a problem document on every error, no row written
 * by a refused request, and no ERROR or stack trace in the log. CI runs a fixed seed and
 * {@code recado.fuzz.per-operation} (default 30) cases per operation; a longer run:
 * {@code ./mvnw test -Dtest=ApiFuzzTest -Drecado.skipPostgres -Drecado.fuzz.per-operation=2000
 * -Drecado.fuzz.seed=$RANDOM}.
 */
@RecadoTest
// busy with requests while most classes wait: it runs beside them, in a context (and database) of its own
@Execution(ExecutionMode.CONCURRENT)
@TestPropertySource(properties = {"recado.allow-private-targets=false", "recado.data-dir=target/test-data-fuzz"})
class ApiFuzzTest {

    static final long SEED = Long.getLong("recado.fuzz.seed", 20261129L);
    static final int PER_OPERATION = Integer.getInteger("recado.fuzz.per-operation", 30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void badRequestsNeverReachA500AndWriteNothing() {
        var api = new ApiClient(port);
        JsonNode doc = api.get("/v3/api-docs", null).json();
        var fixtures = new ApiFixtures(api);
        var rows = new RowCounts(jdbc);
        var cases = new FuzzCases(SEED);
        awaitImportsSettled(); // the fixtures' import writes its rows in the background
        var log = capture();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;
        try {
            for (var path : doc.get("paths").properties()) {
                for (var operation : path.getValue().properties()) {
                    String method = operation.getKey().toUpperCase();
                    String key = ApiFixtures.platformPath(path.getKey()) ? ApiClient.PLATFORM_KEY : fixtures.key;
                    String id = fixtures.idFor("get", path.getKey());
                    for (var c : cases.forOperation(method, path.getKey(), id, operation.getValue(), PER_OPERATION)) {
                        // an earlier accepted case may still be writing in the background
                        awaitImportsSettled();
                        Map<String, Long> before = rows.now();
                        var r = RawHttp.send(port, c.method(), c.target(), key, c.contentType(), c.body());
                        sent++;
                        statuses.merge(r.status(), 1, Integer::sum);
                        String problem = check(r);
                        if (problem == null && r.status() >= 400) {
                            Map<String, Long> after = rows.now();
                            problem = after.equals(before) ? null : "refused but wrote rows: " + before + " -> " + after;
                        }
                        if (problem != null) {
                            failures.add(method + " " + c.target().substring(0, Math.min(120, c.target().length()))
                                    + " [" + c.what() + "]: " + problem);
                        }
                    }
                }
            }
            sent += concurrentDuplicates(api, fixtures, doc, failures);
        } finally {
            detach(log);
        }
        List<String> logged = log.list.stream()
                .filter(e -> e.getLevel() == Level.ERROR || e.getThrowableProxy() != null && e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()).distinct().toList();
        System.out.printf("ApiFuzzTest: seed %d, %d requests, statuses %s, %d failures, %d error/stack-trace log lines%n",
                SEED, sent, statuses, failures.size(), logged.size());
        assertThat(failures).isEmpty();
        assertThat(logged).as("client mistakes log no ERROR and no stack trace").isEmpty();
    }

    /** Null when the answer is acceptable for a bad request, else what is wrong with it. */
    private static String check(ApiClient.Response r) {
        if (r.status() >= 500) {
            return "status " + r.status() + ": " + FuzzCases.abbreviate(r.body());
        }
        if (r.status() >= 400) {
            String type = r.header("Content-Type");
            if (type == null || !type.startsWith("application/problem+json")) {
                return "error " + r.status() + " without a problem document (" + type + "): " + FuzzCases.abbreviate(r.body());
            }
            JsonNode body = r.json();
            if (!body.path("code").isString() || body.path("status").asInt() != r.status()) {
                return "problem without code or status: " + FuzzCases.abbreviate(r.body());
            }
        }
        return null;
    }

    /** Eight identical creations at once, per creating operation: no 5xx, and every refusal a problem. */
    private int concurrentDuplicates(ApiClient api, ApiFixtures fixtures, JsonNode doc, List<String> failures) {
        int sent = 0;
        for (var path : doc.get("paths").properties()) {
            JsonNode post = path.getValue().get("post");
            JsonNode example = post == null ? null : FuzzCases.example(post);
            if (example == null || path.getKey().contains("{id}")) {
                continue;
            }
            String key = ApiFixtures.platformPath(path.getKey()) ? ApiClient.PLATFORM_KEY : fixtures.key;
            var start = new CountDownLatch(1);
            try (var pool = Executors.newFixedThreadPool(8)) {
                List<CompletableFuture<ApiClient.Response>> all = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    all.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return api.post(path.getKey(), key, example.toString());
                    }, pool));
                }
                start.countDown();
                for (var f : all) {
                    String problem = check(f.join());
                    sent++;
                    if (problem != null) {
                        failures.add("8 x POST " + path.getKey() + " at once: " + problem);
                    }
                }
            }
        }
        return sent;
    }

    /**
     * The fixtures' import writes its rows in the background, and status webhooks are written by an
     * event listener after the change commits: both must be done before rows are counted.
     */
    private void awaitImportsSettled() {
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.sql(
                "select count(*) from contact_imports where status = 'running'").query(Long.class).single() == 0
                && jdbc.sql("select count(*) from event_publication where completion_date is null")
                        .query(Long.class).single() == 0);
    }

    private static ListAppender<ILoggingEvent> capture() {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }

    private static void detach(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
        appender.stop();
    }
}
