package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.common.PublicId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** What the campaign tests with several channels share: a two-channel template, consents, route reading. */
final class RouteFixtures {

    private final WhatsAppFixture wa;

    RouteFixtures(WhatsAppFixture wa) {
        this.wa = wa;
    }

    /** SMS first, as in the engine's tie order: WhatsApp first in a route means it was chosen, not listed. */
    String smsAndWhatsAppTemplate() {
        var r = wa.api.post("/v1/templates", wa.key, """
                {"name":"Rebajas","purpose":"marketing","variants":[
                 {"channel":"sms","language":"es","body":"Hola {{first_name}}, 2x1 hoy"},
                 {"channel":"whatsapp","language":"es","whatsapp_template":"rebajas","params":["{{first_name}}"]}]}""");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    void marketingOptIn(String contact, String channel) {
        var r = wa.api.post("/v1/contacts/" + contact + "/consents", wa.key, "{\"channel\":\"" + channel
                + "\",\"purpose\":\"marketing\",\"status\":\"opted_in\",\"source\":\"form\",\"evidence\":\"test\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** The WhatsApp message reported delivered by its customer, then both messages awaited delivered. */
    void deliver(String waMessage, String waCustomer, String smsMessage) {
        String wamid = wa.awaitStatus(waMessage, "sent").replaceAll(".*\"provider_id\":\"([^\"]+)\".*", "$1");
        assertThat(wa.post(wa.status(wamid, "delivered", waCustomer, null)).statusCode()).isEqualTo(200);
        wa.awaitStatus(waMessage, "delivered");
        wa.awaitStatus(smsMessage, "delivered");
    }

    void assertDeliveredOnePerChannel(String campaign) {
        var report = wa.api.get("/v1/campaigns/" + campaign + "/report", wa.key);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().get("delivered_by_channel").toString()).isEqualTo("{\"sms\":1,\"whatsapp\":1}");
    }

    /** A campaign's messages: the message's public id by its contact's. */
    Map<String, String> messagesByContact(String campaign) {
        return wa.jdbc.sql("select contact_id, id from messages where campaign_id = :id")
                .param("id", PublicId.parse("cmp_", campaign).orElseThrow())
                .query((rs, n) -> Map.entry(PublicId.of("ct_", rs.getLong(1)), PublicId.of("msg_", rs.getLong(2))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static List<String> channels(JsonNode route) {
        List<String> out = new ArrayList<>();
        route.path("channels").forEach(c -> out.add(c.asString()));
        return out;
    }
}
