package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A message with a channel order, over the local Graph API (WhatsApp) and the SMPP simulator (SMS):
 * channels without consent, identity or a sender are passed over at acceptance with their reason;
 * a final failure or a timeout moves the message on once; a late delivery ends the route.
 */
@RecadoTest
class ChannelRouteApiTest extends WhatsAppTestBase {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));

    @BeforeAll
    void smsSender() {
        smscs.connectedSender(wa.api, wa.key, TestSmsc.systemId("rt"), "");
    }

    private JsonNode route(String id) {
        return wa.api.get("/v1/messages/" + id, wa.key).json().path("route");
    }

    private static List<String> steps(JsonNode route) {
        List<String> out = new ArrayList<>();
        route.path("steps").forEach(s -> out.add(s.path("channel").asString() + ":" + s.path("outcome").asString()
                + (s.path("code").isMissingNode() ? "" : ":" + s.path("code").asString())));
        return out;
    }

    private JsonNode awaitRouteState(String id, String state) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(route(id).path("state").asString()).as(route(id).toString()).isEqualTo(state));
        return route(id);
    }

    @Test
    void passesOverChannelsWithoutSenderConsentOrIdentityAndSaysWhy() {
        String customer = WhatsAppFixture.newCustomer();
        var contact = wa.api.post("/v1/contacts", wa.key, "{\"phone\":\"+" + customer + "\"}");
        assertThat(contact.status()).as(contact.body()).isEqualTo(201);
        String ct = contact.text("id");
        var out = wa.api.post("/v1/contacts/" + ct + "/consents", wa.key,
                "{\"channel\":\"whatsapp\",\"purpose\":\"transactional\",\"status\":\"opted_out\",\"source\":\"api\"}");
        assertThat(out.status()).as(out.body()).isEqualTo(201);

        var sent = wa.send("{\"to\":\"" + ct + "\",\"channels\":[\"email\",\"whatsapp\",\"sms\"],\"body\":\"Tu pedido ha salido\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.text("channel")).isEqualTo("sms");
        JsonNode route = route(sent.text("id"));
        assertThat(steps(route)).containsExactly("email:skipped:no_sender", "whatsapp:skipped:opted_out", "sms:accepted");
        assertThat(awaitRouteState(sent.text("id"), "delivered").path("delivered_channel").asString()).isEqualTo("sms");

        // a contact known only by email has no identity on WhatsApp; with no channel left it is refused, saying why
        var emailOnly = wa.api.post("/v1/contacts", wa.key, "{\"email\":\"route" + System.nanoTime() + "@example.com\"}");
        var refused = wa.send("{\"to\":\"" + emailOnly.text("id") + "\",\"channels\":[\"whatsapp\",\"sms\"],\"body\":\"Hola\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("no_channel");
        assertThat(refused.json().path("errors").path(0).path("field").asString()).isEqualTo("channels[0]");
        assertThat(refused.json().path("errors").path(0).path("message").asString()).startsWith("invalid_destination");

        var both = wa.send("{\"to\":\"" + ct + "\",\"channel\":\"sms\",\"channels\":[\"sms\"],\"body\":\"Hola\"}");
        assertThat(both.status()).isEqualTo(422);
        assertThat(both.json().path("errors").path(0).path("field").asString()).isEqualTo("channels");
        var unknown = wa.send("{\"to\":\"" + ct + "\",\"channels\":[\"sms\",\"fax\"],\"body\":\"Hola\"}");
        assertThat(unknown.json().path("errors").path(0).path("field").asString()).isEqualTo("channels[1]");
    }

    @Test
    void aFinalFailureMovesTheMessageToTheNextChannel() {
        String customer = WhatsAppFixture.newCustomer();
        wa.customerWrites(customer, "Hola, ¿mi pedido?");
        wa.graph.failFor(customer, 400, 131026, "Message undeliverable", 5);
        var sent = wa.send("{\"to\":\"+" + customer + "\",\"channels\":[\"whatsapp\",\"sms\"],\"body\":\"Sale hoy\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.text("channel")).isEqualTo("whatsapp");

        JsonNode route = awaitRouteState(sent.text("id"), "delivered");
        assertThat(steps(route)).containsExactly("whatsapp:accepted", "whatsapp:failed:undeliverable", "sms:accepted",
                "sms:delivered");
        assertThat(route.path("delivered_channel").asString()).isEqualTo("sms");
        String sms = route.path("delivered_message_id").asString();
        // the follow-up is its own message, linked to the same route
        assertThat(wa.api.get("/v1/messages/" + sms, wa.key).text("body")).isEqualTo("Sale hoy");
        assertThat(route(sms).path("id").asString()).isEqualTo(sent.text("id"));
    }

    @Test
    void noDeliveryWithinTheTimeoutMovesOnOnceAndALateDeliveryIsRecordedOnly() {
        String customer = WhatsAppFixture.newCustomer();
        wa.customerWrites(customer, "¿Abrís mañana?");
        var sent = wa.send("{\"to\":\"+" + customer + "\",\"channels\":[\"whatsapp\",\"sms\"],\"body\":\"Sí, de 9 a 14\","
                + "\"fallback_after_seconds\":2}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String wamid = wa.awaitStatus(sent.text("id"), "sent").replaceAll(".*\"provider_id\":\"([^\"]+)\".*", "$1");

        JsonNode route = awaitRouteState(sent.text("id"), "delivered");
        assertThat(steps(route)).containsExactly("whatsapp:accepted", "whatsapp:timed_out:not_delivered", "sms:accepted",
                "sms:delivered");

        // WhatsApp's delivered arrives after the SMS went out: recorded, and nothing more is sent
        var hook = wa.post(wa.status(wamid, "delivered", customer, null));
        assertThat(hook.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(steps(route(sent.text("id")))).contains("whatsapp:late_delivered"));
        assertThat(wa.api.get("/v1/messages/" + sent.text("id"), wa.key).text("status")).isEqualTo("delivered");
        assertThat(wa.jdbc.sql("select count(*) from route_messages where route_id = :r")
                .param("r", Long.parseLong(sent.text("id").substring(4), 36)).query(Long.class).single()).isEqualTo(2);
        assertThat(steps(route(sent.text("id"))).stream().filter(s -> s.endsWith(":accepted"))).hasSize(2);
    }
}
