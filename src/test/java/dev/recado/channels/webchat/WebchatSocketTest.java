package dev.recado.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recado.support.RecadoTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The chat protocol over real WebSockets: lossless reconnects, replies while away, origins, limits. */
@RecadoTest
class WebchatSocketTest extends WebchatTestBase {

    String sender;
    String widget;

    @BeforeAll
    void openWidget() {
        sender = widget("\"rate_per_minute\":6,\"offline\":\"never\"");
        widget = widgetKey(sender);
    }

    @Test
    void messagesResentAfterAReconnectAreStoredOnceAndAcknowledgedWithTheirFirstId() throws Exception {
        String token;
        String visitor;
        long first;
        try (var page = chat(widget)) {
            var welcome = page.hello(null, 0);
            token = welcome.path("token").asString();
            visitor = welcome.path("visitor").asString();
            assertThat(token).hasSizeGreaterThan(40);
            page.say("c1", "Hola, ¿tenéis talla 42?");
            first = page.ackOf("c1").path("id").asLong();
            // sent, then the socket drops before the page learns whether it arrived
            page.say("c2", "Es para mañana");
            page.ackOf("c2");
        }
        try (var page = chat(widget)) {
            var again = page.hello(token, first);
            assertThat(again.path("visitor").asString()).isEqualTo(visitor);
            assertThat(again.path("token").isNull()).isTrue();
            page.say("c1", "Hola, ¿tenéis talla 42?");
            page.say("c2", "Es para mañana");
            page.say("c3", "Gracias");
            assertThat(page.ackOf("c1").path("id").asLong()).isEqualTo(first);
            page.ackOf("c2");
            page.ackOf("c3");
        }
        assertThat(inboundOf(visitor)).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from webchat_events e join webchat_visitors v on v.id = e.visitor_id where v.public_id = :v")
                .param("v", visitor).query(Long.class).single()).isEqualTo(3);
        var texts = jdbc.sql("""
                select m.body from messages m join contact_channel_ids c on c.contact_id = m.contact_id
                 where c.external_id = :v order by m.id""").param("v", visitor).query(String.class).list();
        assertThat(String.join("|", texts)).contains("talla 42").contains("Gracias");
    }

    @Test
    void aReplyWhileTheVisitorIsAwayArrivesOnTheNextConnectAndReceiptsMoveItsStatus() throws Exception {
        String token;
        String visitor;
        long lastSeen;
        try (var page = chat(widget)) {
            var welcome = page.hello(null, 0);
            token = welcome.path("token").asString();
            visitor = welcome.path("visitor").asString();
            page.say("q1", "¿A qué hora abrís?");
            lastSeen = page.ackOf("q1").path("id").asLong();
        }
        var reply = api.post("/v1/messages", key, """
                {"to":"%s","channel":"webchat","body":"A las <b>10:00</b> & hasta las 20:00"}""".formatted(contactOf(visitor)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        awaitStatus(reply.text("id"), "sent");
        try (var page = chat(widget)) {
            page.hello(token, lastSeen);
            JsonNode line = page.await(f -> "out".equals(f.path("dir").asString(null)));
            assertThat(line.path("text").asString()).isEqualTo("A las <b>10:00</b> & hasta las 20:00");
            // lines stored lately come again (a late commit may hide behind a seen id); the page drops repeats by id
            assertThat(page.lines()).extracting(f -> f.path("id").asLong()).doesNotHaveDuplicates();
            page.send(Map.of("type", "delivered", "ids", List.of(line.path("id").asLong())));
            awaitStatus(reply.text("id"), "delivered");
            page.send(Map.of("type", "read", "ids", List.of(line.path("id").asLong())));
            awaitStatus(reply.text("id"), "read");

            // while connected, a reply is pushed at once
            var live = api.post("/v1/messages", key, """
                    {"to":"%s","channel":"webchat","body":"¿Algo más?"}""".formatted(contactOf(visitor)));
            assertThat(page.await(f -> "¿Algo más?".equals(f.path("text").asString(null))).path("dir").asString())
                    .isEqualTo("out");
            awaitStatus(live.text("id"), "sent");
        }
        try (var reloaded = chat(widget)) {
            // a reload starts from nothing and gets the whole conversation
            reloaded.hello(token, 0);
            reloaded.await(f -> "¿Algo más?".equals(f.path("text").asString(null)));
            assertThat(reloaded.lines()).extracting(f -> f.path("dir").asString()).containsExactly("in", "out", "out");
        }
    }

    @Test
    void aPageOnAnotherOriginOrAnUnknownWidgetIsRefusedAtTheHandshake() throws Exception {
        assertThatThrownBy(() -> ChatClient.open(port, widget, "https://evil.example")).hasMessageContaining("403");
        assertThatThrownBy(() -> ChatClient.open(port, widget.substring(0, widget.length() - 2) + "AA", SITE))
                .hasMessageContaining("404");
        // another workspace's visitor token is not this widget's visitor
        try (var page = chat(widget)) {
            var welcome = page.hello("not-a-token", 0);
            assertThat(welcome.path("token").asString()).isNotEqualTo("not-a-token");
        }
    }

    @Test
    void oneVisitorSendingTooFastIsToldToWaitAndNothingExtraIsStored() throws Exception {
        try (var page = chat(widget)) {
            String visitor = page.hello(null, 0).path("visitor").asString();
            for (int i = 0; i < 9; i++) {
                page.say("r" + i, "mensaje " + i);
            }
            page.await(f -> f.path("client_id").asString("").equals("r8"));
            var refused = page.frames().stream().filter(f -> f.path("code").asString("").equals("rate_limited")).toList();
            assertThat(refused).hasSize(3);
            assertThat(refused.get(0).path("retry_after_ms").asLong()).isPositive();
            assertThat(page.frames().stream().filter(f -> f.path("type").asString("").equals("ack"))).hasSize(6);
            assertThat(inboundOf(visitor)).isEqualTo(6);
            page.say("long", "x".repeat(2_001));
            assertThat(page.await(f -> f.path("client_id").asString("").equals("long")).path("code").asString())
                    .isEqualTo("too_long");
        }
    }

    @Test
    void anAgentTypingAReplyIsShownOnTheVisitorsOpenPage() throws Exception {
        try (var page = chat(widget)) {
            String visitor = page.hello(null, 0).path("visitor").asString();
            page.say("t1", "¿Hay descuento para estudiantes?");
            page.ackOf("t1");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> inboundOf(visitor) == 1);
            long id = jdbc.sql("""
                    select m.id from messages m join contact_channel_ids c on c.contact_id = m.contact_id
                     where c.channel = 'webchat' and c.external_id = :v and m.direction = 'inbound'""")
                    .param("v", visitor).query(Long.class).single();
            var typing = api.post("/v1/messages/msg_" + Long.toString(id, 36) + "/typing", key, "");
            assertThat(typing.status()).as(typing.body()).isEqualTo(200);
            assertThat(typing.text("typing")).isEqualTo("shown");
            assertThat(page.await(f -> "typing".equals(f.path("type").asString(null))).path("for_ms").asLong()).isPositive();
        }
    }
}
