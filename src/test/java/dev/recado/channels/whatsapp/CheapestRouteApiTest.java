package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.messaging.internal.PriceList;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code channel: "cheapest"} over the local Graph API (WhatsApp) and the SMPP simulator (SMS), with
 * this workspace's own prices for its customers' prefix: SMS 0.01 a segment, a WhatsApp service
 * conversation 0.025. Only channels that can take the message are priced, each on its own plan.
 */
@RecadoTest
class CheapestRouteApiTest extends WhatsAppTestBase {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));

    @Autowired
    PriceList prices;

    @BeforeAll
    void smsSenderAndPrices() {
        smscs.connectedSender(wa.api, wa.key, TestSmsc.systemId("ch"), "");
        long ws = jdbc.sql("select workspace_id from senders where id = :s").param("s", wa.senderId()).query(Long.class).single();
        // longer than the global prefixes, so these win for the fixture's +3461… customers
        jdbc.sql("""
                insert into prices (workspace_id, channel, prefix, price_per_segment, currency) values
                (:ws, 'sms', '3461', 0.01, 'EUR'), (:ws, 'whatsapp:service', '3461', 0.025, 'EUR')""")
                .param("ws", ws).update();
        prices.forget();
    }

    private static List<String> steps(JsonNode route) {
        List<String> out = new ArrayList<>();
        route.path("steps").forEach(s -> out.add(s.path("channel").asString() + ":" + s.path("outcome").asString()
                + (s.path("code").isMissingNode() ? "" : ":" + s.path("code").asString())));
        return out;
    }

    @Test
    void aLongTextGoesWhereItsSegmentsCostLessAndAShortOneBySms() {
        String customer = WhatsAppFixture.newCustomer();
        wa.customerWrites(customer, "¿Tenéis la talla 42?");

        var shortOne = wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"cheapest\",\"body\":\"Sí, en tienda\"}");
        assertThat(shortOne.status()).as(shortOne.body()).isEqualTo(202);
        assertThat(shortOne.text("channel")).isEqualTo("sms");
        assertThat(RouteFixtures.channels(shortOne.json().path("route"))).containsExactly("sms", "whatsapp");
        assertThat(shortOne.json().path("price").decimalValue()).isEqualByComparingTo("0.01");

        String text = "Sí, la tenemos. ".repeat(25);
        var longOne = wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"cheapest\",\"body\":\"" + text + "\"}");
        assertThat(longOne.status()).as(longOne.body()).isEqualTo(202);
        assertThat(longOne.text("channel")).isEqualTo("whatsapp");
        assertThat(RouteFixtures.channels(longOne.json().path("route"))).containsExactly("whatsapp", "sms");
        JsonNode got = wa.api.get("/v1/messages/" + longOne.text("id"), wa.key).json();
        assertThat(got.path("channel").asString()).isEqualTo("whatsapp");
        assertThat(RouteFixtures.channels(got.path("route"))).containsExactly("whatsapp", "sms");
        assertThat(steps(got.path("route"))).containsExactly("whatsapp:accepted");
    }

    @Test
    void aChannelThatCannotTakeItIsPassedOverAndAFailureFallsBackToTheNextPrice() {
        // outside the customer service window WhatsApp refuses free text: only SMS is priced
        String quiet = WhatsAppFixture.newCustomer();
        var sms = wa.send("{\"to\":\"+" + quiet + "\",\"channel\":\"cheapest\",\"body\":\"" + "Aviso largo. ".repeat(30) + "\"}");
        assertThat(sms.status()).as(sms.body()).isEqualTo(202);
        assertThat(sms.text("channel")).isEqualTo("sms");
        assertThat(RouteFixtures.channels(sms.json().path("route"))).containsExactly("sms");
        assertThat(steps(sms.json().path("route"))).containsExactly(
                "whatsapp:skipped:outside_customer_service_window", "sms:accepted");

        // WhatsApp is cheapest for this long text; its final failure moves the message on to SMS
        String customer = WhatsAppFixture.newCustomer();
        wa.customerWrites(customer, "Hola");
        wa.graph.failFor(customer, 400, 131026, "Message undeliverable", 5);
        var sent = wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"cheapest\",\"fallback_after_seconds\":3600,"
                + "\"body\":\"" + "Su pedido sale hoy. ".repeat(20) + "\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.text("channel")).isEqualTo("whatsapp");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(steps(
                wa.api.get("/v1/messages/" + sent.text("id"), wa.key).json().path("route"))).containsExactly(
                "whatsapp:accepted", "whatsapp:failed:undeliverable", "sms:accepted", "sms:delivered"));
    }

    @Test
    void noChannelTakesItSaysWhyForEachAndBadShapesAreRefused() {
        var emailOnly = wa.api.post("/v1/contacts", wa.key, "{\"email\":\"cheap" + System.nanoTime() + "@example.com\"}");
        var refused = wa.send("{\"to\":\"" + emailOnly.text("id") + "\",\"channel\":\"cheapest\",\"body\":\"Hola\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("no_channel");
        // the workspace has SMS and WhatsApp senders: those two are tried, in the stable order
        assertThat(refused.json().path("errors")).hasSize(2);
        assertThat(refused.json().path("errors").path(0).path("field").asString()).isEqualTo("channel");
        assertThat(refused.json().path("errors").path(0).path("message").asString()).startsWith("sms: invalid_destination");
        assertThat(refused.json().path("errors").path(1).path("message").asString())
                .startsWith("whatsapp: invalid_destination");

        // with channels, cheapest chooses among those only, and names refusals by their place
        String customer = WhatsAppFixture.newCustomer();
        var only = wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"cheapest\",\"channels\":[\"email\",\"whatsapp\"],"
                + "\"body\":\"Hola\"}");
        assertThat(only.status()).as(only.body()).isEqualTo(422);
        assertThat(only.json().path("errors").path(0).path("field").asString()).isEqualTo("channels[0]");
        assertThat(only.json().path("errors").path(1).path("message").asString())
                .startsWith("outside_customer_service_window");

        var from = wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"cheapest\",\"from\":\"Tienda\",\"body\":\"Hola\"}");
        assertThat(from.status()).isEqualTo(422);
        assertThat(from.json().path("errors").path(0).path("field").asString()).isEqualTo("from");
        var unknown = wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"cheapest\",\"channels\":[\"fax\"],\"body\":\"Hola\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("errors").path(0).path("field").asString()).isEqualTo("channels[0]");
    }

    @Test
    void batchItemsSayTheirChannelAndRoute() {
        String customer = WhatsAppFixture.newCustomer();
        wa.customerWrites(customer, "Hola");
        var batch = wa.api.post("/v1/messages/batch", wa.key, "{\"messages\":["
                + "{\"to\":\"+" + customer + "\",\"channel\":\"cheapest\",\"body\":\"" + "Largo. ".repeat(60) + "\"},"
                + "{\"to\":\"+" + customer + "\",\"channel\":\"cheapest\",\"body\":\"Corto\"},"
                + "{\"to\":\"+" + customer + "\",\"channel\":\"sms\",\"body\":\"Sin ruta\"}]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        JsonNode data = batch.json().path("data");
        assertThat(data.path(0).path("channel").asString()).as(batch.body()).isEqualTo("whatsapp");
        assertThat(data.path(0).path("route_channels").toString()).isEqualTo("[\"whatsapp\",\"sms\"]");
        assertThat(data.path(1).path("channel").asString()).isEqualTo("sms");
        assertThat(data.path(1).path("route_channels").toString()).isEqualTo("[\"sms\",\"whatsapp\"]");
        assertThat(data.path(2).path("channel").asString()).isEqualTo("sms");
        assertThat(data.path(2).has("route_channels")).isFalse();
    }
}
