package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.campaigns.CampaignFixtures;
import dev.recado.messaging.internal.PriceList;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A campaign with {@code channel: "cheapest"} over the local Graph API and the SMPP simulator, with
 * this workspace's prices for its customers' prefix making a WhatsApp template (0.03) cheaper than
 * an SMS (0.09): each recipient goes first on the cheapest channel that can take them, the rest of
 * the candidates following as the route, and the report counts deliveries per channel.
 */
@RecadoTest
class CampaignCheapestTest extends WhatsAppTestBase {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));

    @Autowired
    PriceList prices;

    CampaignFixtures fx;
    RouteFixtures routes;

    @BeforeAll
    void smsSenderAndPrices() {
        smscs.connectedSender(wa.api, wa.key, TestSmsc.systemId("cc"), "");
        fx = new CampaignFixtures(wa.api, wa.key);
        routes = new RouteFixtures(wa);
        long ws = jdbc.sql("select workspace_id from senders where id = :s").param("s", wa.senderId()).query(Long.class).single();
        // longer than the global prefixes, so these win for the fixture's +3461… customers
        jdbc.sql("""
                insert into prices (workspace_id, channel, prefix, price_per_segment, currency) values
                (:ws, 'sms', '3461', 0.09, 'EUR'), (:ws, 'whatsapp:marketing', '3461', 0.03, 'EUR'),
                (:ws, 'whatsapp:utility', '3461', 0.03, 'EUR')""").param("ws", ws).update();
        prices.forget();
    }

    private String person(String tag, String name, String customer) {
        return fx.contact("{\"phone\":\"+" + customer + "\",\"first_name\":\"" + name
                + "\",\"language\":\"es\",\"tags\":[\"" + tag + "\"]}");
    }

    @Test
    void eachRecipientGoesFirstOnItsCheapestReachableChannelAndTheOthersFollow() {
        String tag = "cheap" + System.nanoTime();
        String waCustomer = WhatsAppFixture.newCustomer();
        String both = person(tag, "Ana", waCustomer);
        routes.marketingOptIn(both, "whatsapp");
        routes.marketingOptIn(both, "sms");
        String smsOnly = person(tag, "Luis", WhatsAppFixture.newCustomer());
        routes.marketingOptIn(smsOnly, "sms");
        String nobody = person(tag, "Eva", WhatsAppFixture.newCustomer());
        var created = wa.api.post("/v1/campaigns", wa.key, "{\"name\":\"c\",\"segment_id\":\"" + fx.segment(tag)
                + "\",\"template_id\":\"" + routes.smsAndWhatsAppTemplate() + "\",\"channel\":\"cheapest\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String campaign = created.text("id");
        assertThat(created.text("channel")).isEqualTo("cheapest");
        // the candidates: the template's channels
        assertThat(created.json().get("channels").toString()).isEqualTo("[\"sms\",\"whatsapp\"]");
        assertThat(wa.api.get("/v1/campaigns/" + campaign, wa.key).text("channel")).isEqualTo("cheapest");

        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(fx.get(campaign).get("status").asString()).isEqualTo("completed"));
        JsonNode stats = fx.get(campaign).get("stats");
        assertThat(stats.path("targeted").asLong()).isEqualTo(3);
        assertThat(stats.path("skipped").toString()).isEqualTo("{\"no_channel\":1}");

        Map<String, String> messageOf = routes.messagesByContact(campaign);
        assertThat(messageOf).hasSize(2).doesNotContainKey(nobody);
        String waMessage = messageOf.get(both);
        String smsMessage = messageOf.get(smsOnly);

        JsonNode viaWhatsApp = wa.api.get("/v1/messages/" + waMessage, wa.key).json();
        assertThat(viaWhatsApp.path("channel").asString()).isEqualTo("whatsapp");
        assertThat(RouteFixtures.channels(viaWhatsApp.path("route"))).containsExactly("whatsapp", "sms");
        assertThat(viaWhatsApp.path("price").decimalValue()).isEqualByComparingTo("0.03");
        JsonNode viaSms = wa.api.get("/v1/messages/" + smsMessage, wa.key).json();
        assertThat(viaSms.path("channel").asString()).isEqualTo("sms");
        assertThat(RouteFixtures.channels(viaSms.path("route"))).containsExactly("sms");
        assertThat(viaSms.path("body").asString()).startsWith("Hola Luis, 2x1 hoy\n");

        routes.deliver(waMessage, waCustomer, smsMessage);
        routes.assertDeliveredOnePerChannel(campaign);
    }

    @Test
    void cheapestTakesGivenCandidatesAndNoSender() {
        String segment = fx.segment("v" + System.nanoTime());
        String smsTemplate = fx.smsTemplate("marketing", "Oferta BAJA");
        var given = wa.api.post("/v1/campaigns", wa.key, "{\"segment_id\":\"" + segment + "\",\"template_id\":\""
                + smsTemplate + "\",\"channel\":\"cheapest\",\"channels\":[\"whatsapp\",\"sms\"]}");
        assertThat(given.status()).as(given.body()).isEqualTo(201);
        assertThat(given.text("channel")).isEqualTo("cheapest");
        assertThat(given.json().get("channels").toString()).isEqualTo("[\"whatsapp\",\"sms\"]");
        var one = wa.api.post("/v1/campaigns", wa.key, "{\"segment_id\":\"" + segment + "\",\"template_id\":\""
                + smsTemplate + "\",\"channel\":\"cheapest\"}");
        assertThat(one.status()).as(one.body()).isEqualTo(201);
        assertThat(one.json().get("channels").toString()).isEqualTo("[\"sms\"]");

        var from = wa.api.post("/v1/campaigns", wa.key, "{\"segment_id\":\"" + segment + "\",\"template_id\":\""
                + smsTemplate + "\",\"channel\":\"cheapest\",\"from\":\"Tienda\"}");
        assertThat(from.status()).as(from.body()).isEqualTo(422);
        assertThat(from.json().path("errors").path(0).path("field").asString()).isEqualTo("from");
        var noVariant = wa.api.post("/v1/campaigns", wa.key, "{\"segment_id\":\"" + segment + "\",\"template_id\":\""
                + smsTemplate + "\",\"channel\":\"cheapest\",\"channels\":[\"whatsapp\",\"email\"]}");
        assertThat(noVariant.status()).as(noVariant.body()).isEqualTo(422);
        assertThat(noVariant.json().path("errors").path(0).path("field").asString()).isEqualTo("channels");
    }
}
