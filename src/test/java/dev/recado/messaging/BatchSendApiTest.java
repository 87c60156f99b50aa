package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/messages/batch} and sender names, over a real SMPP bind to the simulator. */
@RecadoTest
class BatchSendApiTest {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    long workspaceId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Batch " + System.nanoTime());
        String sender = smscs.connectedSender(api, key, TestSmsc.systemId("b"),
                ",\"approved_sender_ids\":[\"MiTienda\",\"+34910000000\"],\"rate_per_second\":1000,\"window\":50");
        workspaceId = jdbc.sql("select workspace_id from senders where id = :id")
                .param("id", dev.recado.common.PublicId.parse("snd_", sender).orElseThrow()).query(Long.class).single();
    }

    private JsonNode batch(String items) {
        var r = api.post("/v1/messages/batch", key, "{\"messages\":[" + items + "]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("data");
    }

    private long messageRows() {
        return jdbc.sql("select count(*) from messages where workspace_id = :ws").param("ws", workspaceId)
                .query(Long.class).single();
    }

    @Test
    void everyItemIsAnsweredInOrderAndOnlyAcceptedOnesAreWritten() {
        var data = batch("""
                {"to":"+34612100001","body":"Hola 1"},
                {"to":"12","body":"bad number"},
                {"to":"+34612100002","body":"oferta","purpose":"marketing"},
                {"to":"+34612100003"},
                {"to":"+34612100004","body":"con referencia","client_ref":"order-1"},
                {"to":"+34612100004","body":"con referencia","client_ref":"order-1"},
                {"to":"+34612100005","body":"nombre","from":"OtraMarca"},
                {"to":"+34612100006","body":"nombre","from":"MiTienda"},
                {"to":"+34612100007","body":"nombre","from":"NombreDemasiadoLargo"},
                {"to":"+34612100008","body":"canal","channel":"whatsapp"}""");
        assertThat(data).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(data.get(i).get("index").asInt()).isEqualTo(i);
        }
        assertThat(data.get(0).get("status").asString()).isEqualTo("queued");
        assertThat(data.get(0).get("segments").asInt()).isEqualTo(1);
        assertThat(data.get(0).get("price").decimalValue()).isEqualByComparingTo("0.04");
        assertThat(data.get(1).get("code").asString()).isEqualTo("invalid_destination");
        assertThat(data.get(1).get("errors").get(0).get("field").asString()).isEqualTo("to");
        assertThat(data.get(2).get("code").asString()).isEqualTo("consent_missing");
        assertThat(data.get(3).get("code").asString()).isEqualTo("validation_failed");
        assertThat(data.get(3).get("errors").get(0).get("field").asString()).isEqualTo("body");
        assertThat(data.get(4).get("client_ref").asString()).isEqualTo("order-1");
        assertThat(data.get(5).get("id").asString()).as("a repeated client_ref answers the first")
                .isEqualTo(data.get(4).get("id").asString());
        assertThat(data.get(6).get("code").asString()).isEqualTo("sender_not_allowed");
        assertThat(data.get(6).get("errors").get(0).get("field").asString()).isEqualTo("from");
        assertThat(data.get(7).get("status").asString()).isEqualTo("queued");
        assertThat(data.get(8).get("code").asString()).isEqualTo("sender_not_allowed");
        assertThat(data.get(9).get("code").asString()).as("a channel this server has, but no sender of it").isEqualTo("no_sender");
        assertThat(messageRows()).as("only the accepted items wrote a message").isEqualTo(3);

        String named = data.get(7).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(api.get("/v1/messages/" + named, key).text("status")));
        assertThat(smscs.simulator().submissionsFor(named)).singleElement().satisfies(s -> assertThat(s.source()).isEqualTo("MiTienda"));
        String plain = data.get(0).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(api.get("/v1/messages/" + plain, key).text("status")));
        assertThat(smscs.simulator().submissionsFor(plain)).singleElement().satisfies(s -> assertThat(s.source()).isEqualTo("Tienda"));
    }

    @Test
    void aClientRefAnswersItsFirstMessageInLaterBatchesAndRefusesOtherContent() {
        String first = batch("{\"to\":\"+34612200001\",\"body\":\"Pedido 7 enviado\",\"client_ref\":\"ship-7\"}")
                .get(0).get("id").asString();
        var again = batch("{\"to\":\"+34612200001\",\"body\":\"Pedido 7 enviado\",\"client_ref\":\"ship-7\"}").get(0);
        assertThat(again.get("id").asString()).isEqualTo(first);
        var other = batch("{\"to\":\"+34612200001\",\"body\":\"otro texto\",\"client_ref\":\"ship-7\"}").get(0);
        assertThat(other.get("code").asString()).isEqualTo("client_ref_reused");
        assertThat(messageRows()).isEqualTo(1);
    }

    @Test
    void theBalanceRunsOutPartwayAndTheRestAreRefusedWithNothingHeldTwice() {
        // trial credit 0.60 EUR, 0.04 per Spanish mobile segment: 15 fit
        String items = IntStream.range(0, 20)
                .mapToObj(i -> "{\"to\":\"+346123%05d\",\"body\":\"Aviso %d\"}".formatted(i, i))
                .collect(Collectors.joining(","));
        var data = batch(items);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (i < 15) {
                assertThat(data.get(i).get("status").asString()).isEqualTo("queued");
                accepted.add(data.get(i).get("id").asString());
            } else {
                assertThat(data.get(i).get("code").asString()).isEqualTo("insufficient_balance");
            }
        }
        for (String id : accepted) {
            await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(api.get("/v1/messages/" + id, key).text("status")));
        }
        var balance = api.get("/v1/billing/balance", key).json();
        assertThat(balance.get("balance").decimalValue()).isEqualByComparingTo("0");
        assertThat(balance.get("reserved").decimalValue()).isEqualByComparingTo("0");
        assertThat(sumOfLedger()).isEqualByComparingTo("0");
    }

    @Test
    void concurrentBatchesNeverReserveMoreThanTheBalance() throws Exception {
        // 0.60 EUR of trial credit; two batches of 10 messages at 0.04 race for it: 15 fit, whoever wins
        List<java.util.concurrent.Future<JsonNode>> batches = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (int b = 0; b < 2; b++) {
                int offset = b * 10;
                batches.add(pool.submit(() -> batch(IntStream.range(offset, offset + 10)
                        .mapToObj(i -> "{\"to\":\"+346125%05d\",\"body\":\"Carrera %d\"}".formatted(i, i))
                        .collect(Collectors.joining(",")))));
            }
        }
        int accepted = 0;
        int refused = 0;
        for (var f : batches) {
            for (JsonNode item : f.get()) {
                if (item.has("id")) {
                    accepted++;
                } else {
                    assertThat(item.get("code").asString()).isEqualTo("insufficient_balance");
                    refused++;
                }
            }
        }
        assertThat(accepted).isEqualTo(15);
        assertThat(refused).isEqualTo(5);
        assertThat(messageRows()).isEqualTo(15);
        assertThat(reservedPlusCharged()).as("reserved and charged, read at one instant").isEqualByComparingTo("0.60");
    }

    /** One statement, so a settlement cannot fall between the two reads. */
    private BigDecimal reservedPlusCharged() {
        return jdbc.sql("""
                select a.reserved + coalesce((select -sum(l.amount) from billing_ledger l
                                               where l.workspace_id = a.workspace_id and l.kind = 'usage'), 0)
                  from billing_accounts a where a.workspace_id = :ws""")
                .param("ws", workspaceId).query(BigDecimal.class).single();
    }

    @Test
    void reservationsAreHeldInTheDatabaseAndMatchTheUnsettledMessages() {
        String later = java.time.Instant.now().plus(Duration.ofDays(30)).toString();
        var data = batch("""
                {"to":"+34612300001","body":"más tarde","send_at":"%s"},
                {"to":"+34612300002","body":"más tarde","send_at":"%s"},
                {"to":"+34612300003","body":"ahora"}""".formatted(later, later));
        assertThat(data.get(0).get("status").asString()).isEqualTo("scheduled");
        String now = data.get(2).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(api.get("/v1/messages/" + now, key).text("status")));
        assertThat(api.post("/v1/messages/" + data.get(1).get("id").asString() + "/cancel", key, "").status()).isEqualTo(200);
        assertThat(reservedInTheDatabase()).isEqualByComparingTo("0.04").isEqualByComparingTo(unsettledPrices());
        assertThat(api.get("/v1/billing/balance", key).json().get("available").decimalValue()).isEqualByComparingTo("0.52");
    }

    @Test
    void statusChangesReachCallbacksThroughTheEventRegistry() throws Exception {
        try (var receiver = new dev.recado.support.WebhookReceiver()) {
            String items = IntStream.range(0, 5).mapToObj(i -> "{\"to\":\"+346126%05d\",\"body\":\"Cita %d\",\"status_callback\":\"%s\"}"
                    .formatted(i, i, receiver.url("/status"))).collect(Collectors.joining(","));
            batch(items);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().stream()
                    .filter(r -> r.body().contains("\"status\":\"delivered\"")).count() == 5);
            assertThat(receiver.received()).allSatisfy(r -> assertThat(r.header("Recado-Signature")).startsWith("t="));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from event_publication where completion_date is null").query(Long.class).single() == 0);
    }

    @Test
    void aBatchHasOneToAThousandItems() {
        var empty = api.post("/v1/messages/batch", key, "{\"messages\":[]}");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("errors").get(0).get("field").asString()).isEqualTo("messages");
        String tooMany = IntStream.range(0, 1001).mapToObj(i -> "{\"to\":\"+34612400001\",\"body\":\"x\"}")
                .collect(Collectors.joining(","));
        assertThat(api.post("/v1/messages/batch", key, "{\"messages\":[" + tooMany + "]}").status()).isEqualTo(422);
        assertThat(messageRows()).isZero();
    }

    private BigDecimal reservedInTheDatabase() {
        return jdbc.sql("select reserved from billing_accounts where workspace_id = :ws").param("ws", workspaceId)
                .query(BigDecimal.class).single();
    }

    private BigDecimal unsettledPrices() {
        return jdbc.sql("""
                select coalesce(sum(price), 0) from messages where workspace_id = :ws and settled = false
                   and status in ('scheduled', 'queued', 'sending')""").param("ws", workspaceId)
                .query(BigDecimal.class).single();
    }

    private BigDecimal sumOfLedger() {
        return jdbc.sql("select sum(amount) from billing_ledger where workspace_id = :ws").param("ws", workspaceId)
                .query(BigDecimal.class).single();
    }
}
