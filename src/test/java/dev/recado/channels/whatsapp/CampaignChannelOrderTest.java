package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.campaigns.CampaignFixtures;
import dev.recado.common.PublicId;
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

    @BeforeAll
    void smsSender() {
        smscs.connectedSender(wa.api, wa.key, TestSmsc.systemId("co"), "");
        fx = new CampaignFixtures(wa.api, wa.key);
    }

    private String template() {
        var r = wa.api.post("/v1/templates", wa.key, """
                {"name":"Rebajas","purpose":"marketing","variants":[
                 {"channel":"sms","language":"es","body":"Hola {{first_name}}, 2x1 hoy"},
                 {"channel":"whatsapp","language":"es","whatsapp_template":"rebajas","params":["{{first_name}}"]}]}""");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private void consent(String contact, String channel) {
        var r = wa.api.post("/v1/contacts/" + contact + "/consents", wa.key, "{\"channel\":\"" + channel
                + "\",\"purpose\":\"marketing\",\"status\":\"opted_in\",\"source\":\"form\",\"evidence\":\"test\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void eachRecipientGoesThroughTheFirstFittingChannelWithItsVariantAndTheReportCountsPerChannel() {
        String tag = "order" + System.nanoTime();
        String waCustomer = WhatsAppFixture.newCustomer();
        String both = fx.contact("{\"phone\":\"+" + waCustomer + "\",\"first_name\":\"Ana\",\"language\":\"es\",\"tags\":[\"" + tag + "\"]}");
        consent(both, "whatsapp");
        consent(both, "sms");
        String smsOnly = fx.contact("{\"phone\":\"+" + WhatsAppFixture.newCustomer()
                + "\",\"first_name\":\"Luis\",\"language\":\"es\",\"tags\":[\"" + tag + "\"]}");
        consent(smsOnly, "sms");
        var created = wa.api.post("/v1/campaigns", wa.key, "{\"name\":\"c\",\"segment_id\":\"" + fx.segment(tag)
                + "\",\"template_id\":\"" + template() + "\",\"channels\":[\"whatsapp\",\"sms\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String campaign = created.text("id");
        assertThat(created.json().get("channels").toString()).isEqualTo("[\"whatsapp\",\"sms\"]");
        assertThat(created.text("channel")).isEqualTo("whatsapp");

        fx.action(campaign, "start");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(fx.get(campaign).get("status").asString()).isEqualTo("completed"));
        long id = PublicId.parse("cmp_", campaign).orElseThrow();
        var rows = wa.jdbc.sql("select contact_id, channel, id from messages where campaign_id = :id").param("id", id)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2) + ":" + rs.getLong(3))).list();
        Map<Long, String> byContact = Map.ofEntries(rows.toArray(Map.Entry[]::new));
        assertThat(byContact).hasSize(2);
        String waMessage = "msg_" + Long.toString(Long.parseLong(byContact.get(PublicId.parse("ct_", both).orElseThrow())
                .replaceAll("^whatsapp:", "")), 36);
        String smsMessage = "msg_" + Long.toString(Long.parseLong(byContact.get(PublicId.parse("ct_", smsOnly).orElseThrow())
                .replaceAll("^sms:", "")), 36);
        assertThat(wa.api.get("/v1/messages/" + smsMessage, wa.key).text("body")).startsWith("Hola Luis, 2x1 hoy\n");
        String wamid = wa.awaitStatus(waMessage, "sent").replaceAll(".*\"provider_id\":\"([^\"]+)\".*", "$1");
        assertThat(wa.graph.sentTo(waCustomer)).singleElement().satisfies(m -> {
            assertThat(m.path("template").path("name").asString()).isEqualTo("rebajas");
            assertThat(m.toString()).contains("Ana");
        });
        assertThat(wa.post(wa.status(wamid, "delivered", waCustomer, null)).statusCode()).isEqualTo(200);
        wa.awaitStatus(waMessage, "delivered");
        wa.awaitStatus(smsMessage, "delivered");

        var report = wa.api.get("/v1/campaigns/" + campaign + "/report", wa.key);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().get("delivered_by_channel").toString()).isEqualTo("{\"sms\":1,\"whatsapp\":1}");
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
