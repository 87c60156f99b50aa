package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Meta's webhooks posted over a socket: the handshake, the signature, redeliveries, statuses and inbound kinds. */
@RecadoTest
class WhatsAppWebhookApiTest extends WhatsAppTestBase {

    @Test
    void theHandshakeEchoesTheChallengeOnlyForTheVerifyToken() {
        var ok = wa.get("hub.mode=subscribe&hub.verify_token=verify-me-123&hub.challenge=1158201444");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(wa.get("hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444").statusCode()).isEqualTo(403);
        assertThat(wa.get("hub.mode=unsubscribe&hub.verify_token=verify-me-123&hub.challenge=1").statusCode()).isEqualTo(403);
    }

    @Test
    void aBadOrMissingSignatureIs401AndStoresNothing() {
        String customer = WhatsAppFixture.newCustomer();
        String event = wa.inbound(customer, "wamid.forged." + customer, "\"type\":\"text\",\"text\":{\"body\":\"forged\"}");
        long events = jdbc.sql("select count(*) from provider_events").query(Long.class).single();
        assertThat(wa.post(event, "sha256=" + WhatsAppFixture.sign("not-the-app-secret", event)).statusCode()).isEqualTo(401);
        assertThat(wa.post(event, null).statusCode()).isEqualTo(401);
        assertThat(wa.post(event, "sha256=zz").statusCode()).isEqualTo(401);
        // signed over other bytes than those sent
        assertThat(wa.post(event + " ", "sha256=" + WhatsAppFixture.sign(WhatsAppFixture.APP_SECRET, event)).statusCode())
                .isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from provider_events").query(Long.class).single()).isEqualTo(events);
        assertThat(wa.inboundCount(customer)).isZero();
        assertThat(jdbc.sql("select count(*) from contacts where phone = :p").param("p", "+" + customer)
                .query(Long.class).single()).isZero();
        assertThat(wa.api.get("/hooks/whatsapp/snd_zzzz", null).status()).isEqualTo(404);
    }

    @Test
    void everyRefusalIsAProblemDocumentAndTheAnswerSaysWhetherTheEventWasNew() {
        String customer = WhatsAppFixture.newCustomer();
        String event = wa.inbound(customer, "wamid.refusals." + customer, "\"type\":\"text\",\"text\":{\"body\":\"hola\"}");
        var forged = wa.post(event, "sha256=" + WhatsAppFixture.sign("not-the-app-secret", event));
        assertThat(forged.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(forged.body()).contains("\"code\":\"invalid_signature\"").contains("\"status\":401");

        assertThat(wa.post(event).body()).isEqualTo("{\"received\":true,\"duplicate\":false}");
        assertThat(wa.post(event).body()).isEqualTo("{\"received\":true,\"duplicate\":true}");

        var put = wa.api.put(wa.hookPath, null, event);
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).isEqualTo("GET, POST");
        assertThat(put.text("code")).isEqualTo("method_not_allowed");
        String sender = wa.hookPath.substring(wa.hookPath.lastIndexOf('/') + 1);
        // the sender exists but is not a Telegram one; a deeper path names no hook at all
        assertThat(wa.api.post("/hooks/telegram/" + sender, null, event).text("code")).isEqualTo("not_found");
        assertThat(wa.api.post(wa.hookPath + "/extra", null, event).status()).isEqualTo(404);
    }

    @Test
    void eventsPostedTogetherAreEachStoredOnceAndEachAnsweredForItself() throws Exception {
        String customer = WhatsAppFixture.newCustomer();
        String repeated = wa.inbound(customer, "wamid.together.same." + customer, "\"type\":\"text\",\"text\":{\"body\":\"1\"}");
        List<String> distinct = IntStream.range(0, 12).mapToObj(i -> wa.inbound(customer,
                "wamid.together." + i + "." + customer, "\"type\":\"text\",\"text\":{\"body\":\"" + i + "\"}")).toList();
        List<Callable<String>> posts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            posts.add(() -> wa.post(repeated).body());
        }
        distinct.forEach(event -> posts.add(() -> wa.post(event).body()));
        List<String> answers = new ArrayList<>();
        try (var clients = Executors.newFixedThreadPool(24)) {
            for (var answer : clients.invokeAll(posts)) {
                answers.add(answer.get());
            }
        }
        // one of the twelve identical posts stored it, whichever batch or order they landed in
        assertThat(answers.subList(0, 12)).filteredOn(a -> a.contains("\"duplicate\":false")).hasSize(1);
        assertThat(answers.subList(12, 24)).allMatch(a -> a.equals("{\"received\":true,\"duplicate\":false}"));
        assertThat(jdbc.sql("select count(*) from provider_events where body like :b")
                .param("b", "%wamid.together.%" + customer + "%").query(Long.class).single()).isEqualTo(13);
        await().atMost(Duration.ofSeconds(20)).until(() -> wa.inboundCount(customer) == 13);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String customer = WhatsAppFixture.newCustomer();
        String wamid = "wamid.in.redelivered." + customer;
        String event = wa.inbound(customer, wamid, "\"type\":\"text\",\"text\":{\"body\":\"¿Abrís el domingo?\"}");
        assertThat(wa.post(event).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> wa.inboundCount(customer) == 1);
        var again = wa.post(event);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\":true");
        // the same message inside another envelope (Meta batches differently on a retry) is stored once too
        String other = wa.event("""
                "contacts":[{"profile":{"name":"Lucía"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"1700000000","type":"text","text":{"body":"¿Abrís el domingo?"}}]"""
                .formatted(customer, customer, wamid));
        assertThat(wa.post(other).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from provider_events where sender_id = :s and processed_at is null")
                .param("s", wa.senderId()).query(Long.class).single() == 0);
        assertThat(wa.inboundCount(customer)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from provider_events where body = :b").param("b", event)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void statusesInAnyOrderEndRead() {
        String customer = WhatsAppFixture.newCustomer();
        var sent = wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"whatsapp\",\"template\":{\"name\":\"hello\",\"language\":\"es\"}}");
        String wamid = wa.api.get("/v1/messages/" + sent.text("id"), wa.key).text("provider_id");
        wa.awaitStatus(sent.text("id"), "sent");
        wamid = wa.api.get("/v1/messages/" + sent.text("id"), wa.key).text("provider_id");
        assertThat(wa.post(wa.status(wamid, "read", customer, null)).statusCode()).isEqualTo(200);
        wa.awaitStatus(sent.text("id"), "read");
        assertThat(wa.post(wa.status(wamid, "delivered", customer, null)).statusCode()).isEqualTo(200);
        assertThat(wa.post(wa.status(wamid, "sent", customer, null)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from provider_events where sender_id = :s and processed_at is null")
                .param("s", wa.senderId()).query(Long.class).single() == 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from receipt_inbox")
                .query(Long.class).single() == 0);
        assertThat(wa.api.get("/v1/messages/" + sent.text("id"), wa.key).text("status")).isEqualTo("read");
    }

    @Test
    void aFailedStatusNamesMetasErrorCode() {
        String customer = WhatsAppFixture.newCustomer();
        var sent = wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"whatsapp\",\"template\":{\"name\":\"hello\",\"language\":\"es\"}}");
        wa.awaitStatus(sent.text("id"), "sent");
        String wamid = wa.api.get("/v1/messages/" + sent.text("id"), wa.key).text("provider_id");
        assertThat(wa.post(wa.status(wamid, "failed", customer,
                "[{\"code\":131026,\"title\":\"Message undeliverable\"}]")).statusCode()).isEqualTo(200);
        assertThat(wa.awaitStatus(sent.text("id"), "undelivered")).contains("undeliverable");
    }

    @Test
    void repliesListRowsQuickRepliesAndLocationsAreStoredOnTheContact() {
        String customer = WhatsAppFixture.newCustomer();
        wa.post(wa.inbound(customer, "wamid.b." + customer,
                "\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"yes\",\"title\":\"Sí\"}}"));
        wa.post(wa.inbound(customer, "wamid.l." + customer,
                "\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"h10\",\"title\":\"10:00\",\"description\":\"Dr. Pérez\"}}"));
        wa.post(wa.inbound(customer, "wamid.q." + customer, "\"type\":\"button\",\"button\":{\"payload\":\"STOP_PROMOS\",\"text\":\"No más ofertas\"}"));
        wa.post(wa.inbound(customer, "wamid.g." + customer,
                "\"type\":\"location\",\"location\":{\"latitude\":40.4168,\"longitude\":-3.7038,\"name\":\"Puerta del Sol\"}"));
        await().atMost(Duration.ofSeconds(20)).until(() -> wa.inboundCount(customer) == 4);
        var rows = jdbc.sql("select body, content, metadata from messages where sender_id = :s and from_address = :f order by id")
                .param("s", wa.senderId()).param("f", "+" + customer).query((rs, n) -> rs.getString(1) + " | "
                        + rs.getString(2) + " | " + rs.getString(3)).list();
        assertThat(rows.get(0)).contains("Sí").contains("\"type\":\"reply\"").contains("\"id\":\"yes\"")
                .contains("ES." + customer).contains("Lucía");
        assertThat(rows.get(1)).contains("\"replyKind\":\"list_reply\"").contains("h10");
        assertThat(rows.get(2)).contains("quick_reply").contains("STOP_PROMOS");
        assertThat(rows.get(3)).contains("Puerta del Sol").contains("\"type\":\"location\"").contains("40.4168");
        // any of them opens the service window: free text may now be sent
        var reply = wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"whatsapp\",\"body\":\"Te esperamos\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    }

    @Test
    void aCustomerWithoutAPhoneNumberIsKnownByTheirUserId() {
        String user = "ES." + System.nanoTime();
        for (String wamid : new String[] {"wamid.u1." + user, "wamid.u2." + user}) {
            var r = wa.post(wa.event("""
                    "contacts":[{"profile":{"name":"Ana"},"user_id":"%s"}],
                    "messages":[{"from_user_id":"%s","id":"%s","timestamp":"1700000000","type":"text","text":{"body":"Hola"}}]"""
                    .formatted(user, user, wamid)));
            assertThat(r.statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from messages where direction = 'inbound' and from_address = :u").param("u", user)
                .query(Long.class).single() == 2);
        var contacts = jdbc.sql("""
                select distinct c.id, c.phone from messages m join contacts c on c.id = m.contact_id
                 where m.from_address = :u""").param("u", user).query((rs, n) -> rs.getLong(1) + "/" + rs.getString(2)).list();
        assertThat(contacts).hasSize(1);
        assertThat(contacts.get(0)).endsWith("/null");
        assertThat(jdbc.sql("select count(*) from contact_channel_ids where channel = 'whatsapp' and external_id = :u")
                .param("u", user).query(Long.class).single()).isEqualTo(1);
    }
}
