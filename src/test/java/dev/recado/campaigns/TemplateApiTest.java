package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code /v1/templates}: variants per channel and language, Liquid placeholders, previews with warnings. */
@RecadoTest
class TemplateApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Templates " + System.nanoTime());
    }

    private String template(String json) {
        var r = api.post("/v1/templates", key, json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private String contact(String json) {
        return new CampaignFixtures(api, key).contact(json);
    }

    private JsonNode preview(String template, String json) {
        var r = api.post("/v1/templates/" + template + "/preview", key, json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void createsReadsAndListsTemplatesWithEveryKindOfVariant() {
        String id = template("""
                {"name":"Rebajas","purpose":"marketing","variants":[
                 {"channel":"sms","language":"es","body":"Hola {{first_name | default: \\"cliente\\"}}"},
                 {"channel":"email","language":"es","subject":"Rebajas","html":"<p>Hola</p>","text":"Hola"},
                 {"channel":"whatsapp","language":"es","whatsapp_template":"rebajas_2026","params":["{{first_name}}"]}]}""");
        assertThat(id).startsWith("tpl_");
        var got = api.get("/v1/templates/" + id, key).json();
        assertThat(got.get("name").asString()).isEqualTo("Rebajas");
        assertThat(got.get("variants")).hasSize(3);
        assertThat(got.get("variants").get(2).get("whatsapp_template").asString()).isEqualTo("rebajas_2026");
        assertThat(got.get("variants").get(1).get("subject").asString()).isEqualTo("Rebajas");
        var list = api.get("/v1/templates", key).json();
        assertThat(list.get("data").get(0).get("id").asString()).isEqualTo(id);
        assertThat(list.get("next_cursor").isNull()).isTrue();
        String other = api.newWorkspace("Other " + System.nanoTime());
        assertThat(api.get("/v1/templates/" + id, other).status()).isEqualTo(404);
    }

    @Test
    void previewRendersPlaceholdersDefaultsAndTheOptOutFooterInTheContactsLanguage() {
        String id = template("""
                {"name":"Hola","purpose":"marketing","variants":[
                 {"channel":"sms","language":"es","body":"Hola {{first_name | default: \\"cliente\\"}}, 2x1 en {{attributes.city}}"},
                 {"channel":"sms","language":"en","body":"Hi {{first_name | default: \\"friend\\"}}"}]}""");
        String lucia = contact("{\"phone\":\"+34612000101\",\"first_name\":\"Lucia\",\"language\":\"es\",\"attributes\":{\"city\":\"Madrid\"}}");
        var es = preview(id, "{\"contact\":\"" + lucia + "\",\"channel\":\"sms\"}");
        assertThat(es.get("text").asString()).isEqualTo("Hola Lucia, 2x1 en Madrid\nResponde BAJA para no recibir mas mensajes");
        assertThat(es.get("encoding").asString()).isEqualTo("gsm7");
        assertThat(es.get("segments").asInt()).isEqualTo(1);
        assertThat(es.get("price").decimalValue()).isPositive();
        assertThat(es.get("currency").asString()).isEqualTo("EUR");
        assertThat(es.get("warnings").toString()).contains("opt_out_added").doesNotContain("unknown_placeholder");

        String anon = contact("{\"phone\":\"+34612000102\",\"language\":\"en\"}");
        var en = preview(id, "{\"contact\":\"" + anon + "\",\"channel\":\"sms\"}");
        assertThat(en.get("text").asString()).isEqualTo("Hi friend\nReply STOP to opt out");
        var forced = preview(id, "{\"contact\":\"" + anon + "\",\"channel\":\"sms\",\"language\":\"es\"}");
        assertThat(forced.get("text").asString()).startsWith("Hola cliente, 2x1 en \n");
        assertThat(forced.get("warnings").toString()).contains("unknown_placeholder", "attributes.city");
    }

    @Test
    void previewWithoutSmartEncodingWarnsOfUcs2CharactersAndOffersTheFix() {
        String id = smsTemplate("Tu cita es mañana “a las 10” BAJA no aplica");
        var p = smsPreview(id, contact("{\"phone\":\"+34612000103\"}"), false);
        assertThat(p.get("text").asString()).contains("“a las 10”");
        var warning = onlyWarning(p, "ucs2", "ucs2_characters");
        assertThat(warning.get("characters").toString()).contains("“", "”").doesNotContain("ñ");
        assertThat(warning.get("fix").asString()).isEqualTo("smart_encoding");
        assertThat(warning.get("fixed_text").asString()).contains("\"a las 10\"");
        assertThat(warning.get("fixed_segments").asInt()).isEqualTo(1);
    }

    /** Campaigns send with smart encoding, so a preview does too unless told otherwise; the price follows. */
    @Test
    void previewIsWhatTheSendWillBeWithOrWithoutSmartEncoding() {
        // 108 characters: one GSM-7 segment once ’ is swapped, two UCS-2 segments as written
        String id = smsTemplate("Your order is ready: pick it up at Calle Mayor 12 before Friday at 20:00 and bring"
                + " the receipt, it’s needed.");
        String c = contact("{\"phone\":\"+34612000106\"}");
        var smart = smsPreview(id, c, null);
        assertThat(smart.get("segments").asInt()).isEqualTo(1);
        assertThat(smart.get("text").asString()).endsWith("receipt, it's needed.");
        var swapped = onlyWarning(smart, "gsm7", "smart_encoding_applied");
        assertThat(swapped.get("characters").toString()).isEqualTo("[\"’\"]");
        assertThat(swapped.get("replacements").toString()).isEqualTo("[\"’ → '\"]");
        assertThat(swapped.has("fix")).isFalse();
        assertThat(smsPreview(id, c, true)).isEqualTo(smart);

        var plain = smsPreview(id, c, false);
        assertThat(plain.get("segments").asInt()).isEqualTo(2);
        assertThat(plain.get("text").asString()).endsWith("receipt, it’s needed.");
        assertThat(onlyWarning(plain, "ucs2", "ucs2_characters").get("fixed_segments").asInt()).isEqualTo(1);
        assertThat(smart.get("price").decimalValue()).isPositive();
        assertThat(plain.get("price").decimalValue())
                .isEqualByComparingTo(smart.get("price").decimalValue().multiply(java.math.BigDecimal.TWO));
    }

    @Test
    void anEmojiKeepsTheSmsInUcs2EvenWithSmartEncodingAndIsNamed() {
        var p = smsPreview(smsTemplate("Fiesta “el sábado” 🎉"), contact("{\"phone\":\"+34612000107\"}"), null);
        assertThat(p.get("segments").asInt()).isEqualTo(1);
        // nothing is swapped when the swaps would not make it GSM-7: the text goes as written
        assertThat(p.get("text").asString()).isEqualTo("Fiesta “el sábado” 🎉");
        var warning = onlyWarning(p, "ucs2", "ucs2_characters");
        assertThat(warning.get("characters").toString()).contains("🎉", "á");
        assertThat(warning.get("fix").asString()).isEqualTo("rewrite");
        assertThat(warning.has("fixed_text")).isFalse();
        assertThat(warning.has("replacements")).isFalse();
    }

    /** A transactional one, so no opt-out footer changes the text. */
    private String smsTemplate(String body) {
        return template("{\"name\":\"t\",\"purpose\":\"transactional\",\"variants\":[{\"channel\":\"sms\","
                + "\"language\":\"es\",\"body\":\"" + body + "\"}]}");
    }

    private JsonNode smsPreview(String template, String contact, Boolean smartEncoding) {
        return preview(template, "{\"contact\":\"" + contact + "\",\"channel\":\"sms\""
                + (smartEncoding == null ? "" : ",\"smart_encoding\":" + smartEncoding) + "}");
    }

    private static JsonNode onlyWarning(JsonNode preview, String encoding, String code) {
        assertThat(preview.get("encoding").asString()).isEqualTo(encoding);
        assertThat(preview.get("warnings")).as(preview.toString()).hasSize(1);
        assertThat(preview.get("warnings").get(0).get("code").asString()).isEqualTo(code);
        return preview.get("warnings").get(0);
    }

    @Test
    void aSmartEncodingThatIsNotABooleanIs422NamingTheField() {
        String id = template("{\"name\":\"ok\",\"variants\":[{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"hi\"}]}");
        String c = contact("{\"phone\":\"+34612000108\"}");
        for (String bad : List.of("\"yes\"", "\"true\"", "1", "{}")) {
            var r = api.post("/v1/templates/" + id + "/preview", key,
                    "{\"contact\":\"" + c + "\",\"smart_encoding\":" + bad + "}");
            assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(422);
            assertThat(r.header("Content-Type")).contains("application/problem+json");
            assertThat(r.text("code")).isEqualTo("validation_failed");
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("smart_encoding");
            assertThat(r.json().get("errors").get(0).get("message").asString()).isEqualTo("must be true or false");
        }
    }

    @Test
    void marketingSmsThatNamesAKeywordKeepsItsOwnText() {
        String id = template("""
                {"name":"Con baja","variants":[{"channel":"sms","language":"es","body":"Oferta. BAJA al 600"}]}""");
        String c = contact("{\"phone\":\"+34612000104\",\"language\":\"es\"}");
        var p = preview(id, "{\"contact\":\"" + c + "\",\"channel\":\"sms\"}");
        assertThat(p.get("text").asString()).isEqualTo("Oferta. BAJA al 600");
        assertThat(p.get("warnings")).isEmpty();
    }

    @Test
    void badTemplatesAre422NamingTheFieldAndWriteNothing() {
        long before = templates();
        var r = api.post("/v1/templates", key, """
                {"name":"","purpose":"spam","variants":[
                 {"channel":"fax","language":"es","body":"x"},
                 {"channel":"sms","language":"es","body":"Hola {{ first_name"},
                 {"channel":"email","language":"es"}]}""");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.header("Content-Type")).contains("application/problem+json");
        assertThat(r.body()).contains("\"name\"", "\"purpose\"", "variants[0].channel", "variants[1].body",
                "variants[2].subject", "variants[2].text");
        assertThat(api.post("/v1/templates", key, "{\"name\":\"x\",\"variants\":[]}").status()).isEqualTo(422);
        assertThat(templates()).isEqualTo(before);

        String id = template("{\"name\":\"ok\",\"variants\":[{\"channel\":\"sms\",\"language\":\"es\",\"body\":\"hi\"}]}");
        assertThat(api.post("/v1/templates/" + id + "/preview", key, "{\"channel\":\"sms\"}").body()).contains("contact");
        assertThat(api.post("/v1/templates/" + id + "/preview", key, "{\"contact\":\"ct_zz9\",\"channel\":\"sms\"}").status())
                .isEqualTo(404);
        String c = contact("{\"phone\":\"+34612000105\"}");
        var noVariant = api.post("/v1/templates/" + id + "/preview", key, "{\"contact\":\"" + c + "\",\"channel\":\"email\"}");
        assertThat(noVariant.status()).isEqualTo(422);
        assertThat(noVariant.body()).contains("\"channel\"");
    }

    private long templates() {
        return jdbc.sql("select count(*) from templates").query(Long.class).single();
    }
}
