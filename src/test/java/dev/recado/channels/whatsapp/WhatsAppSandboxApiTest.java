package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The sandbox twin: the virtual handset receives WhatsApp messages and answers with text or a button. */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
class WhatsAppSandboxApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theHandsetPlaysTheCustomerInsideTheServiceWindow() {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Sandbox WhatsApp " + System.nanoTime());
        String number = "+34600000077";
        var early = api.post("/v1/messages", key, "{\"to\":\"" + number + "\",\"channel\":\"whatsapp\",\"body\":\"Hola\"}");
        assertThat(early.text("code")).isEqualTo("outside_customer_service_window");
        // the template every new account has
        var template = api.post("/v1/messages", key, "{\"to\":\"" + number + "\",\"channel\":\"whatsapp\","
                + "\"template\":{\"name\":\"hello_world\",\"language\":\"en_US\"}}");
        assertThat(template.status()).as(template.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + template.text("id"), key).text("status")).isEqualTo("delivered"));

        var text = api.post("/v1/sandbox/inbound", key, "{\"channel\":\"whatsapp\",\"from\":\"" + number + "\",\"text\":\"¿A qué hora?\"}");
        assertThat(text.status()).as(text.body()).isEqualTo(202);
        var buttons = api.post("/v1/messages", key, "{\"to\":\"" + number + "\",\"channel\":\"whatsapp\",\"body\":\"¿10:00 te va bien?\","
                + "\"buttons\":[{\"id\":\"ok\",\"title\":\"Sí\"},{\"id\":\"other\",\"title\":\"Otra hora\"}]}");
        assertThat(buttons.status()).as(buttons.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/v1/sandbox/outbox?to=" + number.substring(1), key)
                .json().get("data").size() == 2);
        var outbox = api.get("/v1/sandbox/outbox?to=" + number.substring(1), key).json().get("data");
        assertThat(outbox.get(0).get("kind").asString()).isEqualTo("interactive");
        assertThat(outbox.get(0).get("content").get("buttons").get(1).get("title").asString()).isEqualTo("Otra hora");
        assertThat(outbox.get(1).get("kind").asString()).isEqualTo("template");
        assertThat(outbox.get(1).get("message_id").asString()).isEqualTo(template.text("id"));

        var tap = api.post("/v1/sandbox/inbound", key, "{\"channel\":\"whatsapp\",\"from\":\"" + number
                + "\",\"text\":\"Sí\",\"button_id\":\"ok\"}");
        assertThat(tap.status()).as(tap.body()).isEqualTo(202);
        var stored = jdbc.sql("select content from messages where direction = 'inbound' and channel = 'whatsapp' and from_address = :f order by id")
                .param("f", number).query(String.class).list();
        assertThat(stored).hasSize(2);
        assertThat(stored.get(1)).contains("\"type\":\"reply\"").contains("\"id\":\"ok\"");
    }

    @Test
    void theTwinApprovesASubmittedTemplateAtOnceAndChargesItWhenDelivered() {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Sandbox templates " + System.nanoTime());
        String sender = twin(api, key);
        var refused = api.post("/v1/senders/" + sender + "/templates", key, "{\"name\":\"Cita\",\"language\":\"es\","
                + "\"category\":\"UTILITY\",\"components\":[{\"type\":\"BODY\",\"text\":\"Su cita\"}]}");
        assertThat(refused.status()).isEqualTo(422);
        var created = api.post("/v1/senders/" + sender + "/templates", key, "{\"name\":\"cita_lista\",\"language\":\"es\","
                + "\"category\":\"UTILITY\",\"components\":[{\"type\":\"BODY\",\"text\":\"Su cita es el {{1}}\","
                + "\"example\":{\"body_text\":[[\"martes\"]]}}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("approved");
        var sent = api.post("/v1/messages", key, "{\"to\":\"+34600000078\",\"channel\":\"whatsapp\","
                + "\"template\":{\"name\":\"cita_lista\",\"language\":\"es\",\"params\":[\"martes\"]}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/v1/billing/ledger", key).body()
                .contains(sent.text("id")));
        // once the twin has templates, one it never approved is refused like at Meta
        var unknown = api.post("/v1/messages", key, "{\"to\":\"+34600000078\",\"channel\":\"whatsapp\","
                + "\"template\":{\"name\":\"otra\",\"language\":\"es\"}}");
        assertThat(unknown.text("code")).isEqualTo("template_not_approved");
    }

    @Test
    void aFreshTwinListsHelloWorldAndWhatWasSubmitted() {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Sandbox WABA " + System.nanoTime());
        String sender = twin(api, key);
        // read once the twin connected, as Meta's adapter does
        await().atMost(Duration.ofSeconds(20)).until(() -> templates(api, key, sender).size() == 1);
        JsonNode hello = templates(api, key, sender).get(0);
        assertThat(List.of(hello.path("name").asString(), hello.path("language").asString(),
                hello.path("category").asString(), hello.path("status").asString()))
                .containsExactly("hello_world", "en_US", "utility", "approved");

        var created = api.post("/v1/senders/" + sender + "/templates", key, "{\"name\":\"aviso_pedido\",\"language\":\"es\","
                + "\"category\":\"MARKETING\",\"components\":[{\"type\":\"BODY\",\"text\":\"Tu pedido {{1}}\","
                + "\"example\":{\"body_text\":[[\"4411\"]]}}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var listed = templates(api, key, sender);
        assertThat(StreamSupport.stream(listed.spliterator(), false).map(t -> t.path("name").asString()))
                .containsExactly("aviso_pedido", "hello_world");
        assertThat(listed.get(0).path("category").asString()).isEqualTo("marketing");
        assertThat(listed.get(0).path("provider_id").asString()).startsWith("sandbox.");

        // Meta's account has hello_world already: submitting it again is a duplicate
        var again = api.post("/v1/senders/" + sender + "/templates", key, "{\"name\":\"hello_world\",\"language\":\"en_US\","
                + "\"category\":\"UTILITY\",\"components\":[{\"type\":\"BODY\",\"text\":\"Hello World\"}]}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("template_exists");

        for (String template : List.of("{\"name\":\"hello_world\",\"language\":\"en_US\"}",
                "{\"name\":\"aviso_pedido\",\"language\":\"es\",\"params\":[\"4411\"]}")) {
            var sent = api.post("/v1/messages", key, "{\"to\":\"+34600000079\",\"channel\":\"whatsapp\",\"template\":"
                    + template + "}");
            assertThat(sent.status()).as(sent.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(api.get("/v1/messages/" + sent.text("id"), key).text("status")).isEqualTo("delivered"));
        }
        // in another language it is not a template of the account
        var otherLanguage = api.post("/v1/messages", key, "{\"to\":\"+34600000079\",\"channel\":\"whatsapp\","
                + "\"template\":{\"name\":\"hello_world\",\"language\":\"es\"}}");
        assertThat(otherLanguage.text("code")).isEqualTo("template_not_approved");
    }

    private static String twin(ApiClient api, String key) {
        return StreamSupport.stream(api.get("/v1/senders", key).json().path("data").spliterator(), false)
                .filter(s -> s.path("provider").asString().equals("sandbox_whatsapp")).findFirst().orElseThrow()
                .path("id").asString();
    }

    private static JsonNode templates(ApiClient api, String key, String sender) {
        return api.get("/v1/senders/" + sender + "/templates", key).json().path("data");
    }
}
