package dev.recado.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.smpp.SmscSimulator;
import dev.recado.common.PublicId;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.SubmitOutcome;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The dispatcher under a provider that throttles, rejects and answers out of order. */
@RecadoTest
class DispatchBehaviourTest {

    static SmscSimulator smsc;

    @LocalServerPort
    int port;
    @Autowired
    SenderRuntime runtime;
    @Autowired
    ReceiptWriter receipts;
    @Autowired
    OutcomeWriter outcomes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SenderRepository senders;
    ApiClient api;
    String key;
    String systemId;

    @BeforeAll
    static void startSmsc() {
        smsc = SmscSimulator.onPort(0).receiptDelay(Duration.ofMillis(20)).start();
    }

    @AfterAll
    static void stopSmsc() {
        smsc.close();
    }

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        var ws = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY, "{\"name\":\"Dispatch\",\"trial_credit\":50}");
        key = ws.text("api_key");
        systemId = "d" + Long.toString(System.nanoTime() % 100_000_000L, 36);
        String sender = api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"c\",\"host\":\"127.0.0.1\",\"port\":"
                + smsc.port() + ",\"system_id\":\"" + systemId + "\",\"password\":\"p\",\"source_address\":\"Tienda\",\"rate_per_second\":1000,\"window\":10}").text("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(api.get("/v1/senders/" + sender, key).text("status")));
    }

    private String send(String to, String body) {
        var r = api.post("/v1/messages", key, "{\"to\":\"" + to + "\",\"body\":\"" + body + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.text("id");
    }

    private String status(String id) {
        return api.get("/v1/messages/" + id, key).text("status");
    }

    @Test
    void throttlingSlowsTheSenderButEveryMessageArrivesOnce() {
        smsc.throttleEvery(4);
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ids.add(send("+3461300" + String.format("%04d", i), "Aviso " + i));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> "delivered".equals(status(id))));
            for (String id : ids) {
                assertThat(smsc.submissionsFor(id).stream().filter(s -> s.systemId().equals(systemId))).hasSize(1);
            }
            assertThat(smsc.counters().throttled()).isGreaterThan(0);
            assertThat(api.get("/v1/messages/" + ids.get(3), key).json().get("attempts").asInt()).isGreaterThanOrEqualTo(1);
        } finally {
            smsc.stopThrottling();
        }
    }

    @Test
    void permanentRejectFailsAtOnceAndGivesTheMoneyBack() {
        smsc.rejectDestinations("3461399");
        try {
            String id = send("+34613990000", "Nunca llegará");
            await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(status(id)));
            var message = api.get("/v1/messages/" + id, key).json();
            assertThat(message.get("error_code").asString()).startsWith("smpp_0x");
            var balance = api.get("/v1/billing/balance", key).json();
            assertThat(balance.get("balance").decimalValue()).isEqualByComparingTo("50");
            assertThat(balance.get("available").decimalValue()).isEqualByComparingTo("50");
        } finally {
            smsc.rejectDestinations(null);
        }
    }

    @Test
    void aReceiptThatArrivesBeforeTheSubmitIsRecordedIsKept() throws Exception {
        long workspace = jdbc.sql("select workspace_id from api_keys where key_hint = :h").param("h", key.substring(0, 7) + "…")
                .query(Long.class).single();
        long sender = jdbc.sql("select id from senders where workspace_id = :ws").param("ws", workspace).query(Long.class).single();
        // a message claimed by the dispatcher whose submit_sm_resp is still on its way
        long id = jdbc.sql("select nextval('message_id_seq')").query(Long.class).single();
        Instant now = Instant.now();
        jdbc.sql("""
                insert into messages (id, workspace_id, sender_id, direction, channel, to_address, body, purpose, priority,
                    status, segments, price, currency, created_at, updated_at, attempts)
                values (:id, :ws, 99999999, 'outbound', 'sms', '+34613000999', 'x', 'transactional', 5, 'sending', 1, 0, 'EUR',
                    :now, :now, 1)""")
                .param("id", id).param("ws", workspace).param("now", dev.recado.common.Db.ts(now)).update();
        receipts.submit(99999999, new ProviderReceipt("early-1", ProviderReceipt.ReceiptState.DELIVERED, null, null, now))
                .get(10, TimeUnit.SECONDS);
        // stored at once, matched by the applier, which finds no part yet and keeps it waiting
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from early_receipts where provider_id = 'early-1'").query(Long.class).single() == 1);
        assertThat(inboxSize()).isZero();
        var claimed = new DispatchQueue.Claimed(id, workspace, null, null, "+34613000999", null, "x", null, false, 1, null,
                BigDecimal.ZERO, 1, null, "transactional", "sms", null);
        outcomes.add(new OutcomeWriter.Outcome(99999999, claimed, new SubmitOutcome.Accepted(List.of("early-1"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(status(PublicId.of("msg_", id))));
        assertThat(jdbc.sql("select count(*) from early_receipts where provider_id = 'early-1'").query(Long.class).single()).isZero();
        // a late duplicate of the same receipt, and an older 'sent' outcome, change nothing
        receipts.submit(99999999, new ProviderReceipt("early-1", ProviderReceipt.ReceiptState.UNDELIVERED, "001", null, now))
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> inboxSize() == 0);
        assertThat(status(PublicId.of("msg_", id))).isEqualTo("delivered");
    }

    @Test
    void messagesPastTheirValidityExpireAndReleaseTheirReservation() {
        var r = api.post("/v1/messages", key, "{\"to\":\"+34613000501\",\"body\":\"Tarde\",\"send_at\":\""
                + Instant.now().plusSeconds(3600) + "\"}");
        String id = r.text("id");
        assertThat(api.get("/v1/billing/balance", key).json().get("reserved").decimalValue()).isEqualByComparingTo("0.04");
        // its validity ends before it was ever due: nothing may go out, the money comes back
        for (String table : List.of("messages where id", "dispatch_queue where message_id")) {
            jdbc.sql("update " + table.replace(" where", " set valid_until = :past where") + " = :id")
                    .param("past", dev.recado.common.Db.ts(Instant.now().minusSeconds(1)))
                    .param("id", PublicId.parse("msg_", id).orElseThrow()).update();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "expired".equals(status(id)));
        assertThat(api.get("/v1/messages/" + id, key).text("error_code")).isEqualTo("validity_expired");
        assertThat(api.get("/v1/billing/balance", key).json().get("reserved").decimalValue()).isEqualByComparingTo("0");
        assertThat(smsc.submissionsFor(id)).isEmpty();
    }

    @Test
    void messagesACrashLeftSendingOnASenderDisabledSinceFailAsUnknown() {
        long workspace = jdbc.sql("select workspace_id from api_keys where key_hint = :h").param("h", key.substring(0, 7) + "…")
                .query(Long.class).single();
        long sender = jdbc.sql("select id from senders where workspace_id = :ws").param("ws", workspace).query(Long.class).single();
        String id = send("+34613000777", "En vuelo");
        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(status(id)));
        // as a crash leaves it: claimed, outcome never recorded; and the sender was disabled since
        long messageId = PublicId.parse("msg_", id).orElseThrow();
        jdbc.sql("update messages set status = 'sending', price = 0 where id = :id").param("id", messageId).update();
        jdbc.sql("""
                insert into dispatch_queue (message_id, sender_id, state, priority, due_at)
                values (:id, :sender, 'sending', 5, current_timestamp)""").param("id", messageId).param("sender", sender)
                .update();
        var disabled = api.patch("/v1/senders/" + PublicId.of("snd_", sender), key, "{\"enabled\":false}");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);

        runtime.resolveInFlightOfStopped(); // what a start does before any sender dispatches
        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(status(id)));
        assertThat(api.get("/v1/messages/" + id, key).text("error_code")).isEqualTo("in_flight_at_crash");
    }

    @Test
    void aStoppedDispatcherPutsWhatItClaimedButDidNotSubmitBackInTheQueue() {
        String slow = api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"slow\",\"host\":\"127.0.0.1\",\"port\":"
                + smsc.port() + ",\"system_id\":\"" + systemId + "s\",\"password\":\"p\",\"source_address\":\"Lenta\","
                + "\"rate_per_second\":4,\"window\":1}").text("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(api.get("/v1/senders/" + slow, key).text("status")));
        long senderId = PublicId.parse("snd_", slow).orElseThrow();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            items.append(i == 0 ? "" : ",").append("{\"to\":\"+3461300").append(1000 + i).append("\",\"from\":\"")
                    .append(slow).append("\",\"body\":\"Despacio ").append(i).append("\"}");
        }
        var batch = api.post("/v1/messages/batch", key, "{\"messages\":[" + items + "]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        // all 20 claimed at once (a claim is at least 50), four a second go out
        await().atMost(Duration.ofSeconds(20)).until(() -> count(senderId, "status in ('sent', 'delivered')") >= 2);

        runtime.close(senderId);

        assertThat(count(senderId, "status = 'sending'")).as("claimed and not submitted").isZero();
        long queued = count(senderId, "status = 'queued' and attempts = 0");
        assertThat(queued).isPositive().isEqualTo(count(senderId, "status = 'queued'"));
        assertThat(jdbc.sql("select count(*) from dispatch_queue where sender_id = :s and state = 'queued'")
                .param("s", senderId).query(Long.class).single()).isEqualTo(queued);

        runtime.open(senders.findAnyWorkspace(senderId, false).orElseThrow());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(senderId, "status = 'delivered'") == 20);
        for (long id : jdbc.sql("select id from messages where sender_id = :s").param("s", senderId).query(Long.class).list()) {
            assertThat(smsc.submissionsFor(PublicId.of("msg_", id))).as("submissions of %s", id).hasSize(1);
        }
    }

    private long count(long senderId, String condition) {
        return jdbc.sql("select count(*) from messages where sender_id = :s and " + condition).param("s", senderId)
                .query(Long.class).single();
    }

    private long inboxSize() {
        return jdbc.sql("select count(*) from receipt_inbox").query(Long.class).single();
    }
}
