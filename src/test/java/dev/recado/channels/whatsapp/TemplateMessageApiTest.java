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
 * Messages with a Recado template ({@code template.id}), over the local Graph API (WhatsApp) and the
 * SMPP simulator (SMS): each channel gets its own variant in the contact's language, filled with the
 * contact's fields and the request's params; a channel without a variant is passed over.
 */
@RecadoTest
class TemplateMessageApiTest extends WhatsAppTestBase {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));

    String both;
    String smsOnly;

    @BeforeAll
    void smsSenderAndTemplates() {
        smscs.connectedSender(wa.api, wa.key, TestSmsc.systemId("tm"), "");
        both = template("""
                {"name":"Pedido","purpose":"transactional","variants":[
                 {"channel":"sms","language":"es","body":"Hola {{first_name | default: \\"cliente\\"}}, tu pedido {{order}} sale hoy"},
                 {"channel":"sms","language":"en","body":"Hi {{first_name}}, order {{order}} ships today"},
                 {"channel":"whatsapp","language":"es","whatsapp_template":"pedido_enviado","params":["{{first_name}}","{{order}}"]}]}""");
        smsOnly = template("""
                {"name":"Oferta","purpose":"marketing","variants":[
                 {"channel":"sms","language":"es","body":"{{first_name}}: 2x1 hoy"}]}""");
    }

    private String template(String json) {
        var r = wa.api.post("/v1/templates", wa.key, json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private String contact(String json) {
        var r = wa.api.post("/v1/contacts", wa.key, json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private String body(String messageId) {
        return wa.api.get("/v1/messages/" + messageId, wa.key).text("body");
    }

    @Test
    void rendersTheChannelsVariantInTheContactsLanguageWithFieldsAndParams() {
        String en = contact("{\"phone\":\"+" + WhatsAppFixture.newCustomer() + "\",\"first_name\":\"Ann\",\"language\":\"en\"}");
        var sent = wa.send("{\"to\":\"" + en + "\",\"channel\":\"sms\",\"template\":{\"id\":\"" + both
                + "\",\"params\":{\"order\":\"A-17\"}}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(body(sent.text("id"))).isEqualTo("Hi Ann, order A-17 ships today");
        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(
                wa.api.get("/v1/messages/" + sent.text("id"), wa.key).text("status")));
        assertThat(smscs.simulator().submissionsFor(sent.text("id"))).hasSize(1);

        // no variant in the contact's language: the workspace's default (es), the default filter filling the name
        String fr = contact("{\"phone\":\"+" + WhatsAppFixture.newCustomer() + "\",\"language\":\"fr\"}");
        var batch = wa.api.post("/v1/messages/batch", wa.key, "{\"messages\":[{\"to\":\"" + fr
                + "\",\"channel\":\"sms\",\"template\":{\"id\":\"" + both + "\",\"params\":{\"order\":7}}},"
                + "{\"to\":\"" + fr + "\",\"channel\":\"whatsapp\",\"template\":{\"id\":\"" + smsOnly + "\"}}]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        JsonNode data = batch.json().get("data");
        assertThat(body(data.get(0).get("id").asString())).isEqualTo("Hola cliente, tu pedido 7 sale hoy");
        assertThat(data.get(1).get("code").asString()).isEqualTo("template_variant_missing");
        assertThat(data.get(1).get("errors").get(0).get("field").asString()).isEqualTo("template.id");
    }

    @Test
    void anUnknownTemplateIsRefusedNamingTemplateIdAndNothingIsWritten() {
        String ct = contact("{\"phone\":\"+" + WhatsAppFixture.newCustomer() + "\"}");
        long before = messageCount();
        for (String id : List.of("tpl_zzzzzz", "tpl_", "nope")) {
            var r = wa.send("{\"to\":\"" + ct + "\",\"channels\":[\"whatsapp\",\"sms\"],\"template\":{\"id\":\"" + id + "\"}}");
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.json().path("errors").path(0).path("field").asString()).isEqualTo("template.id");
        }
        String other = wa.api.newWorkspace("Other " + System.nanoTime());
        var foreign = wa.api.post("/v1/messages", other, "{\"to\":\"+34612000999\",\"template\":{\"id\":\"" + both + "\"}}");
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(422);
        assertThat(foreign.json().path("errors").path(0).path("field").asString()).isEqualTo("template.id");
        var badParams = wa.send("{\"to\":\"" + ct + "\",\"template\":{\"id\":\"" + both + "\",\"params\":[\"x\"]}}");
        assertThat(badParams.status()).isEqualTo(422);
        assertThat(badParams.json().path("errors").path(0).path("field").asString()).isEqualTo("template.params");
        assertThat(messageCount()).isEqualTo(before);
    }

    @Test
    void aChannelOrderPassesOverAChannelWithoutAVariantAndAMarketingSmsGetsTheOptOutFooter() {
        String customer = WhatsAppFixture.newCustomer();
        String ct = contact("{\"phone\":\"+" + customer + "\",\"first_name\":\"Lucia\",\"language\":\"es\"}");
        for (String channel : List.of("whatsapp", "sms")) {
            var consent = wa.api.post("/v1/contacts/" + ct + "/consents", wa.key, "{\"channel\":\"" + channel
                    + "\",\"purpose\":\"marketing\",\"status\":\"opted_in\",\"source\":\"api\"}");
            assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        }
        var sent = wa.send("{\"to\":\"" + ct + "\",\"channels\":[\"whatsapp\",\"sms\"],\"purpose\":\"marketing\","
                + "\"template\":{\"id\":\"" + smsOnly + "\"}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.text("channel")).isEqualTo("sms");
        assertThat(body(sent.text("id"))).isEqualTo("Lucia: 2x1 hoy\nResponde BAJA para no recibir mas mensajes");
        List<String> steps = new ArrayList<>();
        wa.api.get("/v1/messages/" + sent.text("id"), wa.key).json().path("route").path("steps")
                .forEach(s -> steps.add(s.path("channel").asString() + ":" + s.path("outcome").asString() + ":"
                        + s.path("code").asString()));
        // the SMSC answers in 20 ms: its receipt may already have added the SMS's delivery, the only step that may follow
        assertThat(steps).isIn(List.of("whatsapp:skipped:template_variant_missing", "sms:accepted:"),
                List.of("whatsapp:skipped:template_variant_missing", "sms:accepted:", "sms:delivered:"));
    }

    @Test
    void aFallbackSendsTheNextChannelsOwnVariant() {
        String customer = WhatsAppFixture.newCustomer();
        String ct = contact("{\"phone\":\"+" + customer + "\",\"first_name\":\"Pablo\",\"language\":\"es\"}");
        wa.graph.failFor(customer, 400, 131026, "Message undeliverable", 5);
        var sent = wa.send("{\"to\":\"" + ct + "\",\"channels\":[\"whatsapp\",\"sms\"],\"template\":{\"id\":\"" + both
                + "\",\"params\":{\"order\":\"B-2\"}}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.text("channel")).isEqualTo("whatsapp");
        // the WhatsApp attempt carried the whatsapp variant: the provider template with the rendered params
        assertThat(body(sent.text("id"))).contains("pedido_enviado").contains("Pablo").contains("B-2");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(wa.api.get("/v1/messages/" + sent.text("id"),
                wa.key).json().path("route").path("state").asString()).isEqualTo("delivered"));
        String sms = wa.api.get("/v1/messages/" + sent.text("id"), wa.key).json().path("route")
                .path("delivered_message_id").asString();
        assertThat(body(sms)).isEqualTo("Hola Pablo, tu pedido B-2 sale hoy");
    }

    private long messageCount() {
        return wa.jdbc.sql("select count(*) from messages").query(Long.class).single();
    }
}
