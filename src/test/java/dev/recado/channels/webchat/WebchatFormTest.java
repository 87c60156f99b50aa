package dev.recado.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.RecadoTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pre-chat form, its consent evidence, and the offline widget that still takes a message. */
@RecadoTest
class WebchatFormTest extends WebchatTestBase {

    @Test
    void theFormComesFirstThenNamesTheContactAndRecordsConsentWithItsEvidence() throws Exception {
        String widget = widgetKey(widget("\"prechat_form\":true,\"title\":\"Tienda\",\"greeting\":\"¡Hola!\""));
        try (var page = chat(widget)) {
            var welcome = page.hello(null, 0);
            assertThat(welcome.path("form_done").asBoolean()).isFalse();
            assertThat(welcome.path("widget").path("prechat_form").asBoolean()).isTrue();
            assertThat(welcome.path("widget").path("title").asString()).isEqualTo("Tienda");
            String visitor = welcome.path("visitor").asString();
            page.say("f1", "Hola");
            assertThat(page.await(f -> "f1".equals(f.path("client_id").asString(null))).path("code").asString())
                    .isEqualTo("form_required");

            page.send(form("Lucía Pérez", "not-an-email", "", true));
            var refused = page.await(f -> "invalid".equals(f.path("code").asString(null)));
            assertThat(refused.path("field").asString()).isEqualTo("email");

            page.frames().clear();
            page.send(form("Lucía Pérez", "lucia@example.com", "", true));
            page.await(f -> "form_ok".equals(f.path("type").asString(null)));
            page.say("f1", "Hola");
            page.ackOf("f1");
            assertThat(inboundOf(visitor)).isEqualTo(1);

            String contact = contactOf(visitor);
            var person = api.get("/v1/contacts/" + contact, key);
            assertThat(person.text("first_name")).isEqualTo("Lucía");
            assertThat(person.text("last_name")).isEqualTo("Pérez");
            assertThat(person.text("email")).isEqualTo("lucia@example.com");
            var consents = api.get("/v1/contacts/" + contact + "/consents", key);
            assertThat(consents.status()).isEqualTo(200);
            assertThat(consents.body()).contains("\"channel\":\"webchat\"").contains("\"source\":\"form\"")
                    .contains("https://shop.example/contacto").contains("127.0.0.1").contains("I agree");
        }
    }

    @Test
    void anEmailSomeoneElseHasIsKeptAsAnAttributeNotMerged() throws Exception {
        var other = api.post("/v1/contacts", key, "{\"email\":\"ana@example.com\",\"first_name\":\"Ana\"}");
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        String widget = widgetKey(widget("\"prechat_form\":true"));
        try (var page = chat(widget)) {
            String visitor = page.hello(null, 0).path("visitor").asString();
            page.send(form("Impostor", "ana@example.com", "", false));
            page.await(f -> "form_ok".equals(f.path("type").asString(null)));
            String contact = contactOf(visitor);
            assertThat(contact).isNotEqualTo(other.text("id"));
            var person = api.get("/v1/contacts/" + contact, key);
            assertThat(person.text("email")).isNull();
            assertThat(person.body()).contains("\"webchat_email\":\"ana@example.com\"");
            assertThat(api.get("/v1/contacts/" + contact + "/consents", key).body()).doesNotContain("opted_in");
        }
    }

    @Test
    void anOfflineWidgetAsksWhoIsWritingAndTheMessageStillLands() throws Exception {
        String widget = widgetKey(widget("\"offline\":\"always\",\"offline_text\":\"Volvemos el lunes\""));
        try (var page = chat(widget)) {
            var welcome = page.hello(null, 0);
            assertThat(welcome.path("widget").path("online").asBoolean()).isFalse();
            assertThat(welcome.path("widget").path("offline_text").asString()).isEqualTo("Volvemos el lunes");
            assertThat(welcome.path("widget").path("prechat_form").asBoolean()).isTrue();
            String visitor = welcome.path("visitor").asString();
            page.send(form("Marta", "", "+34 612 345 678", false));
            page.await(f -> "form_ok".equals(f.path("type").asString(null)));
            page.say("o1", "Llamadme, por favor");
            page.ackOf("o1");
            assertThat(inboundOf(visitor)).isEqualTo(1);
            assertThat(api.get("/v1/contacts/" + contactOf(visitor), key).text("phone")).isEqualTo("+34612345678");
        }
    }

    @Test
    void widgetSettingsAreCheckedWhenSaved() {
        var bad = api.post("/v1/senders", key, """
                {"channel":"webchat","name":"x","allowed_origins":"javascript:alert(1)","color":"red;x","offline":"maybe",
                 "business_hours":"whenever","prechat_form":"yes"}""");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("allowed_origins").contains("color").contains("offline").contains("business_hours")
                .contains("prechat_form");
        var missing = api.post("/v1/senders", key, "{\"channel\":\"webchat\",\"name\":\"x\"}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("allowed_origins");
    }

    private static Map<String, Object> form(String name, String email, String phone, boolean consent) {
        Map<String, Object> form = new HashMap<>();
        form.put("type", "form");
        form.put("name", name);
        form.put("email", email);
        form.put("phone", phone);
        form.put("consent", consent);
        form.put("consent_text", "I agree to receive news and offers");
        form.put("page", "https://shop.example/contacto");
        return form;
    }
}
