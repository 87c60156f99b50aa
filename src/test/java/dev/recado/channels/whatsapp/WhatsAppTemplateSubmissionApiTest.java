package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Templates submitted for Meta's review: checked first (422 naming the field, nothing posted), posted
 * to the WABA, stored pending, and moved by the signed {@code message_template_status_update} webhook.
 */
@RecadoTest
class WhatsAppTemplateSubmissionApiTest extends WhatsAppTestBase {

    private static final String ORDER_READY = """
            {"name":"%s","language":"%s","category":"UTILITY","components":[
              {"type":"HEADER","format":"TEXT","text":"Pedido {{1}}","example":{"header_text":["4411"]}},
              {"type":"BODY","text":"Hola {{1}}, tu pedido {{2}} está listo.","example":{"body_text":[["Lucía","4411"]]}},
              {"type":"FOOTER","text":"Tienda Sol"},
              {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Gracias"},
                {"type":"URL","text":"Ver pedido","url":"https://shop.example/p/{{1}}","example":["https://shop.example/p/4411"]}]}]}""";

    private ApiClient.Response submit(String json) {
        return wa.api.post("/v1/senders/" + wa.sender + "/templates", wa.key, json);
    }

    private String statusOf(String name, String language) {
        return jdbc.sql("select status from provider_templates where sender_id = :s and name = :n and language = :l")
                .param("s", wa.senderId()).param("n", name).param("l", language).query(String.class).optional().orElse(null);
    }

    private ApiClient.Response sendTemplate(String name, String language) {
        return wa.send("{\"to\":\"+" + WhatsAppFixture.newCustomer() + "\",\"channel\":\"whatsapp\",\"template\":{\"name\":\""
                + name + "\",\"language\":\"" + language + "\",\"params\":[\"Lucía\",\"4411\"]}}");
    }

    @Test
    void aSubmittedTemplateIsPendingUntilMetaApprovesIt() {
        var created = submit(ORDER_READY.formatted("order_ready", "es"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("pending");
        assertThat(created.text("category")).isEqualTo("utility");
        String templateId = created.text("provider_id");
        var posted = wa.graph.submitted.stream().filter(t -> t.path("name").asString().equals("order_ready"))
                .findFirst().orElseThrow();
        assertThat(posted.path("components").get(3).path("buttons").get(1).path("url").asString())
                .isEqualTo("https://shop.example/p/{{1}}");
        assertThat(posted.path("category").asString()).isEqualTo("UTILITY");
        var listed = wa.api.get("/v1/senders/" + wa.sender + "/templates", wa.key);
        assertThat(listed.json().path("data").toString()).contains("\"order_ready\"").contains("\"pending\"");
        // not sendable while Meta reviews it
        assertThat(sendTemplate("order_ready", "es").text("code")).isEqualTo("template_not_approved");

        // the same name and language again: 409, and Meta is not asked
        int submitted = wa.graph.submitted.size();
        var again = submit(ORDER_READY.formatted("order_ready", "es"));
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("template_exists");
        assertThat(wa.graph.submitted).hasSize(submitted);

        wa.graph.review("order_ready", "es", "APPROVED", null);
        String approved = wa.templateStatus("APPROVED", templateId, "order_ready", "es", "NONE");
        // unsigned, it changes nothing
        assertThat(wa.post(approved, null).statusCode()).isEqualTo(401);
        assertThat(statusOf("order_ready", "es")).isEqualTo("pending");
        assertThat(wa.post(approved).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "approved".equals(statusOf("order_ready", "es")));
        var sent = sendTemplate("order_ready", "es");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(wa.post(approved).body()).contains("\"duplicate\":true");
    }

    @Test
    void aRejectedTemplateKeepsMetasReason() {
        var created = submit(ORDER_READY.formatted("order_late", "en_US"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String templateId = wa.graph.review("order_late", "en_US", "REJECTED", "INVALID_FORMAT");
        assertThat(wa.post(wa.templateStatus("REJECTED", templateId, "order_late", "en-US", "INVALID_FORMAT"))
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "rejected".equals(statusOf("order_late", "en_US")));
        var listed = wa.api.get("/v1/senders/" + wa.sender + "/templates", wa.key).json().path("data");
        var row = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
                .filter(t -> t.path("name").asString().equals("order_late")).findFirst().orElseThrow();
        assertThat(row.path("reason").asString()).isEqualTo("INVALID_FORMAT");
        assertThat(sendTemplate("order_late", "en_US").text("code")).isEqualTo("template_not_approved");
    }

    @Test
    void badTemplatesAre422NamingTheFieldAndNothingIsPosted() {
        int before = wa.graph.submitted.size();
        String body = "{\"type\":\"BODY\",\"text\":\"Hola {{1}}\",\"example\":{\"body_text\":[[\"Lucía\"]]}}";
        expectField("{\"name\":\"Order_Ready\",\"language\":\"es\",\"category\":\"UTILITY\",\"components\":[" + body + "]}",
                "name");
        expectField("{\"name\":\"ok_name\",\"language\":\"es\",\"category\":\"PROMO\",\"components\":[" + body + "]}",
                "category");
        expectField("{\"name\":\"ok_name\",\"language\":\"Spanish\",\"category\":\"UTILITY\",\"components\":[" + body + "]}",
                "language");
        expectField("{\"name\":\"ok_name\",\"language\":\"es\",\"category\":\"UTILITY\",\"components\":["
                + "{\"type\":\"FOOTER\",\"text\":\"Tienda\"}]}", "components");
        expectField("{\"name\":\"ok_name\",\"language\":\"es\",\"category\":\"UTILITY\",\"components\":["
                + "{\"type\":\"BODY\",\"text\":\"" + "a".repeat(1025) + "\"}]}", "components[0].text");
        expectField("{\"name\":\"ok_name\",\"language\":\"es\",\"category\":\"UTILITY\",\"components\":["
                + "{\"type\":\"BODY\",\"text\":\"Hola {{1}} y {{3}}\",\"example\":{\"body_text\":[[\"a\",\"b\"]]}}]}",
                "components[0].text");
        expectField("{\"name\":\"ok_name\",\"language\":\"es\",\"category\":\"UTILITY\",\"components\":["
                + "{\"type\":\"BODY\",\"text\":\"Hola {{1}}\"}]}", "components[0].example.body_text");
        String quickReplies = "{\"type\":\"QUICK_REPLY\",\"text\":\"Sí\"},".repeat(11);
        expectField("{\"name\":\"ok_name\",\"language\":\"es\",\"category\":\"MARKETING\",\"components\":[" + body
                + ",{\"type\":\"BUTTONS\",\"buttons\":[" + quickReplies.substring(0, quickReplies.length() - 1) + "]}]}",
                "components[1].buttons");
        String url = "{\"type\":\"URL\",\"text\":\"Ver\",\"url\":\"https://shop.example\"},";
        expectField("{\"name\":\"ok_name\",\"language\":\"es\",\"category\":\"MARKETING\",\"components\":[" + body
                + ",{\"type\":\"BUTTONS\",\"buttons\":[" + url.repeat(2) + url.substring(0, url.length() - 1) + "]}]}",
                "components[1].buttons");
        expectField("{\"name\":\"ok_name\",\"language\":\"es\",\"category\":\"UTILITY\",\"components\":\"BODY\"}",
                "components");
        assertThat(wa.graph.submitted).hasSize(before);
        assertThat(statusOf("ok_name", "es")).isNull();
    }

    private void expectField(String json, String field) {
        var r = submit(json);
        assertThat(r.status()).as(json + " -> " + r.body()).isEqualTo(422);
        assertThat(r.json().path("errors").toString()).as(r.body()).contains("\"field\":\"" + field + "\"");
    }
}
