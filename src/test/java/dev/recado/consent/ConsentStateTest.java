package dev.recado.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * consent_state must always say what the ledger's latest confirmed fact says, whichever way the
 * facts arrived: the API (backdated too), channel all, keywords, double opt-in and its link, imports.
 */
@RecadoTest
class ConsentStateTest {

    @LocalServerPort
    int port;
    @Autowired
    ConsentManagement consent;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    ApiClient api;
    String key;
    long workspaceId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Consent state " + System.nanoTime());
    }

    private long contact(String json) {
        var r = api.post("/v1/contacts", key, json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = PublicId.parse("ct_", r.text("id")).orElseThrow();
        workspaceId = jdbc.sql("select workspace_id from contacts where id = :id").param("id", id).query(Long.class).single();
        return id;
    }

    private ApiClient.Response record(long contactId, String channel, String purpose, String status, String at) {
        var r = api.post("/v1/contacts/" + PublicId.of("ct_", contactId) + "/consents", key, "{\"channel\":\"" + channel
                + "\",\"purpose\":\"" + purpose + "\",\"status\":\"" + status + "\",\"source\":\"form\",\"evidence\":\"test\""
                + (at == null ? "" : ",\"occurred_at\":\"" + at + "\"") + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    private void keyword(long contactId, String text) {
        var rule = consent.matchKeyword(workspaceId, text).orElseThrow();
        tx.executeWithoutResult(s -> consent.applyKeyword(workspaceId, contactId, rule, text, Channel.SMS));
    }

    /** channel/purpose -> status@event id, as the state table holds it. */
    private Map<String, String> stored(long contactId) {
        return rows("select channel, purpose, status, event_id from consent_state where contact_id = :c", contactId);
    }

    private Map<String, String> rows(String sql, long contactId) {
        Map<String, String> rows = new TreeMap<>();
        jdbc.sql(sql).param("c", contactId).query(rs -> {
            rows.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3) + "@" + rs.getLong(4));
        });
        return rows;
    }

    /** The same, from the ledger through the consent rules every send decision uses. */
    private Map<String, String> fromLedger(long contactId) {
        Map<String, String> rows = new TreeMap<>();
        var history = consent.history(workspaceId, contactId);
        for (Channel channel : Channel.values()) {
            for (Purpose purpose : Purpose.values()) {
                if (channel != Channel.ALL) {
                    ConsentRules.latest(history, channel, purpose)
                            .ifPresent(e -> rows.put(channel + "/" + purpose, e.status() + "@" + e.id()));
                }
            }
        }
        return rows;
    }

    /** The same, from the migration's backfill query over this workspace's ledger. */
    private Map<String, String> backfilled(long contactId) throws IOException {
        String migration = new ClassPathResource("db/migration/V82__consent_state.sql").getContentAsString(StandardCharsets.UTF_8);
        String select = migration.substring(migration.indexOf("select contact_id"), migration.lastIndexOf(';'));
        return rows("select channel, purpose, status, id from (" + select + ") b where contact_id = :c", contactId);
    }

    /** State, ledger and backfill agree, and so do the send decisions read from the state. */
    private void assertStateIsLatestFact(List<Long> contacts) throws IOException {
        for (long id : contacts) {
            assertThat(stored(id)).as("contact " + id).isEqualTo(fromLedger(id)).isEqualTo(backfilled(id));
            var history = consent.history(workspaceId, id);
            for (Channel channel : Channel.values()) {
                for (Purpose purpose : Purpose.values()) {
                    if (channel != Channel.ALL) {
                        assertThat(consent.canSend(workspaceId, id, channel, purpose, false))
                                .as("contact " + id + " " + channel + "/" + purpose)
                                .isEqualTo(ConsentRules.decide(history, channel, purpose, false));
                    }
                }
            }
        }
    }

    @Test
    void stateIsTheLatestFactAfterAMixedSequence() throws IOException {
        long ana = contact("{\"phone\":\"+34612333001\",\"email\":\"ana.state@example.com\"}");
        long bea = contact("{\"phone\":\"+34612333002\",\"email\":\"bea.state@example.com\"}");
        long eva = contact("{\"phone\":\"+34612333003\"}");
        long flor = contact("{\"email\":\"flor.state@example.com\"}");
        record(flor, "email", "marketing", "opted_in", null);
        assertThat(consent.canSend(workspaceId, flor, Channel.EMAIL, Purpose.MARKETING, false).reason())
                .isEqualTo(Decision.CONFIRMATION_PENDING);

        record(ana, "sms", "marketing", "opted_in", "2026-01-01T10:00:00Z");
        record(ana, "all", "marketing", "opted_out", "2026-02-01T10:00:00Z");
        // recorded later but happened earlier: the opt-out for every channel still decides
        record(ana, "sms", "marketing", "opted_in", "2026-01-15T10:00:00Z");
        assertThat(stored(ana)).containsEntry("sms/marketing", stored(ana).get("whatsapp/marketing"))
                .hasEntrySatisfying("sms/marketing", s -> assertThat(s).startsWith("opted_out@"));
        keyword(ana, "BAJA");
        assertThat(stored(ana).get("telegram/transactional")).startsWith("opted_out@");
        keyword(ana, "ALTA");
        assertThat(stored(ana).get("telegram/transactional")).startsWith("opted_in@");

        // double opt-in: the request decides nothing until its link is followed
        var pending = record(bea, "email", "marketing", "opted_in", null);
        assertThat(stored(bea)).isEmpty();
        String token = pending.text("confirmation_url").replaceAll(".*/", "");
        assertThat(consent.confirm(token)).isPresent();
        assertThat(stored(bea).get("email/marketing")).startsWith("opted_in@");
        record(bea, "email", "transactional", "opted_out", null);

        // an import's facts: COPY on PostgreSQL, with one contact twice in the file and one already known
        String csv = "phone,first_name\n+34612333003,Eva\n+34612333004,Nuevo\n+34612333004,Nuevo otra vez\n+34612333001,Ana\n";
        var started = api.postRaw("/v1/contacts/imports?consent_channel=all&consent_purpose=marketing&consent_evidence=Feria",
                key, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String importId = started.text("id");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !"running".equals(api.get("/v1/contacts/imports/" + importId, key).text("status")));
        assertThat(api.get("/v1/contacts/imports/" + importId, key).text("status")).isEqualTo("completed");
        assertThat(stored(ana).get("rcs/marketing")).startsWith("opted_in@");
        assertThat(stored(eva).get("webchat/marketing")).startsWith("opted_in@");
        keyword(eva, "STOP");

        List<Long> all = new ArrayList<>(jdbc.sql("select id from contacts where workspace_id = :ws")
                .param("ws", workspaceId).query(Long.class).list());
        assertThat(all).hasSize(5);
        assertStateIsLatestFact(all);
    }

    @Test
    void aFactRolledBackLeavesNoState() {
        long ana = contact("{\"phone\":\"+34612333011\"}");
        tx.executeWithoutResult(s -> {
            consent.record(workspaceId, ana, new NewConsent(Channel.ALL, Purpose.MARKETING, ConsentStatus.OPTED_IN,
                    ConsentSource.FORM, "test", "test", null));
            assertThat(stored(ana)).hasSize(Channel.values().length - 1);
            s.setRollbackOnly();
        });
        assertThat(stored(ana)).isEmpty();
        assertThat(consent.history(workspaceId, ana)).isEmpty();
    }

    @Test
    void twoFirstFactsForOneContactInConcurrentTransactionsBothApply() throws Exception {
        long ana = contact("{\"phone\":\"+34612333021\"}");
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<?> first = pool.submit(() -> tx.executeWithoutResult(s -> {
                consent.record(workspaceId, ana, new NewConsent(Channel.SMS, Purpose.MARKETING, ConsentStatus.OPTED_IN,
                        ConsentSource.FORM, "first", "test", null));
                firstWritten.countDown();
                awaitLatch(commitFirst);
            }));
            firstWritten.await();
            Future<?> second = pool.submit(() -> tx.executeWithoutResult(s -> consent.record(workspaceId, ana,
                    new NewConsent(Channel.SMS, Purpose.MARKETING, ConsentStatus.OPTED_OUT, ConsentSource.FORM,
                            "second", "test", null))));
            // the second writer waits on the first's uncommitted state row before the first commits (on H2:
            // its merge is still executing, which the sessions table shows; it has no blocker column for rows)
            await().atMost(Duration.ofSeconds(10)).until(() -> blockedSessions() > 0 || second.isDone());
            assertThat(second).as("the second writer waits for the first").isNotDone();
            commitFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        }
        assertThat(consent.history(workspaceId, ana)).hasSize(2);
        assertThat(stored(ana).get("sms/marketing")).startsWith("opted_out@");
        assertStateIsLatestFact(List.of(ana));
    }

    private long blockedSessions() {
        return jdbc.sql(TestDatabase.postgres()
                ? "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()"
                : "select count(*) from information_schema.sessions where executing_statement like 'merge into consent_state%'")
                .query(Long.class).single();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
