package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.campaigns.CampaignFixtures;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A campaign with {@code channels: ["whatsapp","sms"]}, over the local Graph API and the SMPP
 * simulator: each recipient gets the first channel that takes them, with that channel's variant,
 * and the report counts deliveries per channel.
 */
@RecadoTest
class CampaignChannelOrderTest extends WhatsAppTestBase {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));

    CampaignFixtures fx;
    RouteFixtures routes;

    @BeforeAll
    void smsSender() {
        smscs.connectedSender(wa.api, wa.key, TestSmsc.systemId("co"), "");
        fx = new CampaignFixtures(wa.api, wa.key);
        routes = new RouteFixtures(wa);
    }

    @Test
    void eachRecipientGoesThroughTheFirstFittingChannelWithItsVariantAndTheReportCountsPerChannel() {
        String tag = "order" + System.nanoTime();
        String waCustomer = WhatsAppFixture.newCustomer();
        String both = fx.contact("{\"phone\":\"+" + waCustomer + "\",\"first_name\":\"Ana\",\"language\":\"es\",\"tags\":[\"" + tag + "\"]}");
        routes.marketingOptIn(both, "whatsapp");
        routes.marketingOptIn(both, "sms");
        String smsOnly = fx.contact("{\"phone\":\"+" + WhatsAppFixture.newCustomer()
                + "\",\"first_name\":\"Luis\",\"language\":\"es\",\"tags\":[\"" + tag + "\"]}");
        routes.marketingOptIn(smsOnly, "sms");
        var created = wa.api.post("/v1/campaigns", wa.key, "{\"name\":\"c\",\"segment_id\":\"" + fx.segment(tag)
                + "\",\"template_id\":\"" + routes.smsAndWhatsAppTemplate() + "\",\"channels\":[\"whatsapp\",\"sms\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String campaign = created.text("id");
        assertThat(created.json().get("channels").toString()).isEqualTo("[\"whatsapp\",\"sms\"]");
        assertThat(created.text("channel")).isEqualTo("whatsapp");

        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(fx.get(campaign).get("status").asString()).isEqualTo("completed"));
        Map<String, String> byContact = routes.messagesByContact(campaign);
        assertThat(byContact).hasSize(2);
        String waMessage = byContact.get(both);
        String smsMessage = byContact.get(smsOnly);
        assertThat(wa.api.get("/v1/messages/" + waMessage, wa.key).text("channel")).isEqualTo("whatsapp");
        var sms = wa.api.get("/v1/messages/" + smsMessage, wa.key);
        assertThat(sms.text("channel")).isEqualTo("sms");
        assertThat(sms.text("body")).startsWith("Hola Luis, 2x1 hoy\n");
        wa.awaitStatus(waMessage, "sent");
        assertThat(wa.graph.sentTo(waCustomer)).singleElement().satisfies(m -> {
            assertThat(m.path("template").path("name").asString()).isEqualTo("rebajas");
            assertThat(m.toString()).contains("Ana");
        });
        routes.deliver(waMessage, waCustomer, smsMessage);
        routes.assertDeliveredOnePerChannel(campaign);
    }

    @Test
    void aChannelOrderIsValidated() {
        String segment = fx.segment("v" + System.nanoTime());
        String smsTemplate = fx.smsTemplate("marketing", "Oferta BAJA");
        var unknown = wa.api.post("/v1/campaigns", wa.key, "{\"segment_id\":\"" + segment + "\",\"template_id\":\""
                + smsTemplate + "\",\"channels\":[\"sms\",\"fax\",\"sms\"]}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.body()).contains("channels[1]").contains("channels[2]");
        var noVariant = wa.api.post("/v1/campaigns", wa.key, "{\"segment_id\":\"" + segment + "\",\"template_id\":\""
                + smsTemplate + "\",\"channels\":[\"whatsapp\",\"email\"]}");
        assertThat(noVariant.status()).as(noVariant.body()).isEqualTo(422);
        assertThat(noVariant.json().path("errors").path(0).path("field").asString()).isEqualTo("channels");
        var bothGiven = wa.api.post("/v1/campaigns", wa.key, "{\"segment_id\":\"" + segment + "\",\"template_id\":\""
                + smsTemplate + "\",\"channel\":\"sms\",\"channels\":[\"whatsapp\",\"sms\"]}");
        assertThat(bothGiven.status()).isEqualTo(422);
    }
}
