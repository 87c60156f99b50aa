package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.smpp.SmscSimulator;
import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Senders over their whole life, against the simulator over TCP and a port nobody listens on: the
 * default is a sender that has connected, there is one default per channel, and a sender that stops
 * hands its queued messages (and their money) on.
 */
@RecadoTest
class SenderLifecycleTest {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));
    static int deadPort;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    SmscSimulator smsc;

    @BeforeAll
    static void findADeadPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort(); // closed again: connections to it are refused
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Senders " + System.nanoTime());
        smsc = smscs.simulator();
    }

    private String create(String name, int smppPort, String extra) {
        var r = api.post("/v1/senders", key, """
                {"channel":"sms","name":"%s","host":"127.0.0.1","port":%d,"system_id":"s%s","password":"p",
                 "source_address":"Tienda","reconnect_min_ms":100,"reconnect_max_ms":500%s}"""
                .formatted(name, smppPort, Long.toString(System.nanoTime() % 100_000_000L, 36), extra));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private JsonNode sender(String id) {
        return api.get("/v1/senders/" + id, key).json();
    }

    private String send(String json) {
        var r = api.post("/v1/messages", key, json);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.text("id");
    }

    private JsonNode message(String id) {
        return api.get("/v1/messages/" + id, key).json();
    }

    private List<String> defaults() {
        List<String> ids = new ArrayList<>();
        api.get("/v1/senders", key).json().get("data").forEach(s -> {
            if (s.get("is_default").asBoolean()) {
                ids.add(s.get("id").asString());
            }
        });
        return ids;
    }

    @Test
    void aNewSenderBecomesTheDefaultOnlyOnceItHasConnected() {
        String carrier = create("Carrier", smsc.port(), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> sender(carrier).get("is_default").asBoolean());
        assertThat(sender(carrier).get("connected_at")).isNotNull();

        // unreachable: it never connects, so it never takes over, and messages keep flowing
        String unreachable = create("Unreachable", deadPort, "");
        assertThat(sender(unreachable).get("is_default").asBoolean()).isFalse();
        String id = send("{\"to\":\"+34613100001\",\"body\":\"Hola\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(message(id).get("status").asString()));
        assertThat(smsc.submissionsFor(id)).hasSize(1);
        assertThat(sender(unreachable).get("connected_at")).isNull();
        assertThat(defaults()).containsExactly(carrier);

        // asked for explicitly, it is the default at once, and the only one
        String chosen = create("Chosen", deadPort, ",\"default\":true");
        assertThat(defaults()).containsExactly(chosen);
        var back = api.patch("/v1/senders/" + carrier, key, "{\"default\":true}");
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(defaults()).containsExactly(carrier);

        // the database itself refuses a second default of a workspace and channel
        long carrierId = PublicId.parse("snd_", carrier).orElseThrow();
        long chosenId = PublicId.parse("snd_", chosen).orElseThrow();
        assertThatThrownBy(() -> jdbc.sql("update senders set is_default = true, default_channel = channel where id = :id")
                .param("id", chosenId).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.sql("select count(*) from senders where default_channel is not null and id in (:a, :b)")
                .param("a", carrierId).param("b", chosenId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aSenderConnectingForTheFirstTimeLeavesAConnectedDefaultInPlace() {
        String first = create("First", smsc.port(), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> sender(first).get("is_default").asBoolean());

        // its first connection and what it meant for the default are written together
        String second = create("Second", smsc.port(), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> sender(second).get("connected_at") != null);
        assertThat(defaults()).containsExactly(first);
        String id = send("{\"to\":\"+34613400001\",\"body\":\"Hola\"}");
        assertThat(message(id).get("sender_id").asString()).isEqualTo(first);

        // asked for, it takes over
        var chosen = api.patch("/v1/senders/" + second, key, "{\"default\":true}");
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        assertThat(defaults()).containsExactly(second);

        // a default that never connected is no default to keep: the next sender that connects takes over
        String broken = create("Broken", deadPort, ",\"default\":true");
        assertThat(defaults()).containsExactly(broken);
        String third = create("Third", smsc.port(), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> sender(third).get("is_default").asBoolean());
        assertThat(defaults()).containsExactly(third);

        // created with "default": false, it never takes over, even from one that never connected
        String broken2 = create("Broken again", deadPort, ",\"default\":true");
        String quiet = create("Quiet", smsc.port(), ",\"default\":false");
        await().atMost(Duration.ofSeconds(20)).until(() -> sender(quiet).get("connected_at") != null);
        assertThat(defaults()).containsExactly(broken2);
    }

    @Test
    void disablingASenderMovesItsQueuedMessagesToTheDefault() {
        String carrier = create("Carrier", smsc.port(), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> sender(carrier).get("is_default").asBoolean());
        String stuck = create("Stuck", deadPort, "");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(send("{\"to\":\"+3461320000" + i + "\",\"body\":\"Aviso " + i + "\",\"from\":\"" + stuck + "\"}"));
        }
        assertThat(ids).allMatch(id -> "queued".equals(message(id).get("status").asString()));

        var disabled = api.patch("/v1/senders/" + stuck, key, "{\"enabled\":false}");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
                .allMatch(id -> "delivered".equals(message(id).get("status").asString())));
        ids.forEach(id -> assertThat(smsc.submissionsFor(id)).hasSize(1));
        var balance = api.get("/v1/billing/balance", key).json();
        assertThat(balance.get("reserved").decimalValue()).isEqualByComparingTo("0");
        assertThat(balance.get("balance").decimalValue()).isEqualByComparingTo("0.48"); // 0.60 - 3 x 0.04

        // enabled again, it connects... never here, but it is a sender again and not the default
        var enabled = api.patch("/v1/senders/" + stuck, key, "{\"enabled\":true}");
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(defaults()).containsExactly(carrier);
    }

    @Test
    void deletingTheOnlySenderFailsItsQueuedMessagesAndReleasesTheirMoney() {
        String only = create("Only", deadPort, "");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(send("{\"to\":\"+3461330000" + i + "\",\"body\":\"Aviso " + i + "\"}"));
        }
        assertThat(api.get("/v1/billing/balance", key).json().get("reserved").decimalValue()).isEqualByComparingTo("0.12");

        assertThat(api.delete("/v1/senders/" + only, key).status()).isEqualTo(204);
        assertThat(api.get("/v1/senders/" + only, key).status()).isEqualTo(404);
        assertThat(api.get("/v1/senders", key).json().get("data")).isEmpty();
        for (String id : ids) {
            var m = message(id);
            assertThat(m.get("status").asString()).isEqualTo("failed");
            assertThat(m.get("error_code").asString()).isEqualTo("sender_disabled");
        }
        var balance = api.get("/v1/billing/balance", key).json();
        assertThat(balance.get("reserved").decimalValue()).isEqualByComparingTo("0");
        assertThat(balance.get("available").decimalValue()).isEqualByComparingTo("0.60");
        // refused, or taken by a node that still had the sender cached: then the sweep fails it too
        var late = api.post("/v1/messages", key, "{\"to\":\"+34613300009\",\"body\":\"x\"}");
        if (late.status() == 202) {
            await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(message(late.text("id")).get("status").asString()));
            assertThat(message(late.text("id")).get("error_code").asString()).isEqualTo("sender_disabled");
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/v1/billing/balance", key).json()
                    .get("reserved").decimalValue().signum() == 0);
        } else {
            assertThat(late.status()).as(late.body()).isEqualTo(422);
        }
    }

    @Test
    void patchValidatesEveryFieldAndWritesNothingOnARefusal() {
        String carrier = create("Carrier", smsc.port(), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> sender(carrier).get("is_default").asBoolean());
        var bad = api.patch("/v1/senders/" + carrier, key,
                "{\"name\":\"Renamed\",\"rate_per_second\":0,\"port\":70000,\"colour\":\"red\",\"channel\":\"email\",\"enabled\":\"no\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("\"rate_per_second\"", "\"port\"", "\"colour\"", "\"channel\"", "\"enabled\"");
        assertThat(sender(carrier).get("name").asString()).isEqualTo("Carrier");
        var notDefault = api.patch("/v1/senders/" + carrier, key, "{\"default\":false}");
        assertThat(notDefault.status()).isEqualTo(422);
        assertThat(notDefault.body()).contains("\"default\"");

        var renamed = api.patch("/v1/senders/" + carrier, key, "{\"name\":\"Movistar\",\"window\":5,\"source_address\":\"Otra\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("Movistar");
        assertThat(renamed.json().get("window").asInt()).isEqualTo(5);
        assertThat(renamed.json().get("settings").get("source_address").asString()).isEqualTo("Otra");
        assertThat(renamed.body()).doesNotContain("\"password\"");
        // the new settings are in use: it binds again and sends from the new source address
        await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(sender(carrier).get("status").asString()));
        String id = send("{\"to\":\"+34613400001\",\"body\":\"Hola\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> smsc.submissionsFor(id).size() == 1);
        assertThat(smsc.submissionsFor(id).get(0).source()).isEqualTo("Otra");

        var test = api.post("/v1/senders/" + carrier + "/test", key, "");
        assertThat(test.json().get("connected").asBoolean()).isTrue();
        String unreachable = create("Unreachable", deadPort, ",\"default\":false");
        var failed = api.post("/v1/senders/" + unreachable + "/test", key, "");
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.json().get("connected").asBoolean()).isFalse();
    }
}
