package dev.recado.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@RecadoTest
class ContactApiTest {

    @LocalServerPort
    int port;
    ApiClient api;
    String key;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Contacts " + System.nanoTime());
    }

    @Test
    void normalisesPhoneAndDerivesTimeZoneAndCountry() {
        var r = api.post("/v1/contacts", key, """
                {"phone":"612 345 678","first_name":"Lucía","tags":["VIP","news"],"attributes":{"city":"Madrid","visits":3,"member":true,"since":"2024-02-29"}}
                """);
        assertThat(r.status()).isEqualTo(201);
        JsonNode c = r.json();
        assertThat(c.get("id").asString()).startsWith("ct_");
        assertThat(c.get("phone").asString()).isEqualTo("+34612345678");
        assertThat(c.get("timezone").asString()).isEqualTo("Europe/Madrid");
        assertThat(c.get("country").asString()).isEqualTo("ES");
        assertThat(c.get("language").asString()).isEqualTo("es");
        assertThat(c.get("tags").toString()).isEqualTo("[\"news\",\"vip\"]");
        assertThat(c.get("attributes").get("visits").asInt()).isEqualTo(3);

        var mexico = api.post("/v1/contacts", key, "{\"phone\":\"+52 55 1234 5678\"}").json();
        assertThat(mexico.get("timezone").asString()).isEqualTo("America/Mexico_City");
        assertThat(mexico.get("country").asString()).isEqualTo("MX");
    }

    @Test
    void invalidPhoneIsRefusedNamingTheField() {
        var r = api.post("/v1/contacts", key, "{\"phone\":\"12345\",\"email\":\"not-an-email\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text("code")).isEqualTo("validation_failed");
        var fields = new HashSet<String>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("phone", "email");
        assertThat(api.get("/v1/contacts", key).json().get("data")).isEmpty();
    }

    @Test
    void aPhoneWithLettersOrAnExtensionIsRefusedRatherThanReadAsAnotherNumber() {
        for (String phone : new String[] {"600000000x", "+1 800 FLOWERS", "612 345 678 ext. 12"}) {
            var r = api.post("/v1/contacts", key, "{\"phone\":\"" + phone + "\"}");
            assertThat(r.status()).as(phone).isEqualTo(422);
            assertThat(r.text("code")).isEqualTo("validation_failed");
            var problem = r.json().get("errors").get(0);
            assertThat(problem.get("field").asString()).isEqualTo("phone");
            assertThat(problem.get("message").asString()).contains("no letters, no extension");
        }
        String id = api.post("/v1/contacts", key, "{\"phone\":\"+34600000000\"}").text("id");
        assertThat(api.patch("/v1/contacts/" + id, key, "{\"phone\":\"600000001x\"}").status()).isEqualTo(422);
        assertThat(api.get("/v1/contacts/" + id, key).text("phone")).isEqualTo("+34600000000");
        assertThat(api.get("/v1/contacts", key).json().get("data")).hasSize(1);
    }

    @Test
    void duplicatesConflictWithExistingIdOrUpsert() {
        String id = api.post("/v1/contacts", key, "{\"phone\":\"+34612000001\",\"first_name\":\"Ana\"}").text("id");
        var dup = api.post("/v1/contacts", key, "{\"phone\":\"612 000 001\"}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.text("existing_id")).isEqualTo(id);

        var emailDup = api.post("/v1/contacts", key, "{\"email\":\"ana@example.com\",\"phone\":\"+34612000002\"}");
        assertThat(emailDup.status()).isEqualTo(201);
        assertThat(api.post("/v1/contacts", key, "{\"email\":\"ANA@example.com\"}").text("existing_id"))
                .isEqualTo(emailDup.text("id"));

        var upsert = api.post("/v1/contacts?upsert=true", key, "{\"phone\":\"612000001\",\"last_name\":\"García\"}");
        assertThat(upsert.status()).isEqualTo(200);
        assertThat(upsert.text("id")).isEqualTo(id);
        assertThat(upsert.text("first_name")).isEqualTo("Ana");
        assertThat(upsert.text("last_name")).isEqualTo("García");
    }

    @Test
    void attributesKeepTheirFirstType() {
        api.post("/v1/contacts", key, "{\"phone\":\"+34612000010\",\"attributes\":{\"points\":10}}");
        var wrong = api.post("/v1/contacts", key, "{\"phone\":\"+34612000011\",\"attributes\":{\"points\":\"many\"}}");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().get("errors").get(0).get("field").asString()).isEqualTo("attributes.points");
        var nested = api.post("/v1/contacts", key, "{\"phone\":\"+34612000012\",\"attributes\":{\"x\":{\"a\":1}}}");
        assertThat(nested.status()).isEqualTo(422);
    }

    @Test
    void listsFilterByTagTextAndPageWithCursor() {
        for (int i = 0; i < 7; i++) {
            api.post("/v1/contacts", key, "{\"phone\":\"+3461200010" + i + "\",\"first_name\":\"Persona" + i
                    + "\",\"tags\":[\"" + (i % 2 == 0 ? "even" : "odd") + "\"]}");
        }
        api.post("/v1/contacts", key, "{\"email\":\"zoe@example.com\",\"first_name\":\"Zoë\",\"last_name\":\"Martín\"}");
        assertThat(api.get("/v1/contacts?tag=even", key).json().get("data")).hasSize(4);
        assertThat(api.get("/v1/contacts?q=zo%C3%AB%20mart", key).json().get("data")).hasSize(1);
        assertThat(api.get("/v1/contacts?q=612%20000%20103", key).json().get("data")).hasSize(1);

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = api.get("/v1/contacts?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), key).json();
            page.get("data").forEach(c -> assertThat(seen.add(c.get("id").asString())).isTrue());
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(8);
        assertThat(pages).isEqualTo(3);
        assertThat(api.get("/v1/contacts?limit=501", key).status()).isEqualTo(422);
        assertThat(api.get("/v1/contacts?cursor=garbage!", key).status()).isEqualTo(422);
    }

    @Test
    void anotherWorkspaceSeesNothing() {
        String other = api.newWorkspace("Other");
        String id = api.post("/v1/contacts", key, "{\"phone\":\"+34612000200\"}").text("id");
        assertThat(api.get("/v1/contacts/" + id, other).status()).isEqualTo(404);
        assertThat(api.patch("/v1/contacts/" + id, other, "{\"first_name\":\"X\"}").status()).isEqualTo(404);
        assertThat(api.delete("/v1/contacts/" + id, other).status()).isEqualTo(404);
        assertThat(api.get("/v1/contacts/" + id + "/consents", other).status()).isEqualTo(404);
        assertThat(api.post("/v1/contacts/" + id + "/consents", other,
                "{\"channel\":\"sms\",\"purpose\":\"marketing\",\"status\":\"opted_out\"}").status()).isEqualTo(404);
        assertThat(api.get("/v1/contacts/" + id + "/can-send?channel=sms&purpose=marketing", other).status()).isEqualTo(404);
        assertThat(api.get("/v1/contacts/" + id + "/export", other).status()).isEqualTo(404);
        assertThat(api.get("/v1/contacts", other).json().get("data")).isEmpty();
        // the same phone is a different person in another workspace
        assertThat(api.post("/v1/contacts", other, "{\"phone\":\"+34612000200\"}").status()).isEqualTo(201);
        assertThat(api.get("/v1/contacts/ct_zzzzzzzzzz", key).status()).isEqualTo(404);
    }

    @Test
    void patchChangesOnlyWhatIsGiven() {
        String id = api.post("/v1/contacts", key, "{\"phone\":\"+34612000300\",\"first_name\":\"Eva\",\"tags\":[\"a\"]}").text("id");
        var patched = api.patch("/v1/contacts/" + id, key, "{\"last_name\":\"Ruiz\",\"timezone\":\"Atlantic/Canary\"}").json();
        assertThat(patched.get("first_name").asString()).isEqualTo("Eva");
        assertThat(patched.get("last_name").asString()).isEqualTo("Ruiz");
        assertThat(patched.get("timezone").asString()).isEqualTo("Atlantic/Canary");
        assertThat(patched.get("tags").toString()).isEqualTo("[\"a\"]");
        assertThat(api.patch("/v1/contacts/" + id, key, "{\"timezone\":\"Nowhere/City\"}").status()).isEqualTo(422);
    }

    @Test
    void erasureRemovesPersonalDataButKeepsConsentEvidence() {
        String id = api.post("/v1/contacts", key, "{\"phone\":\"+34612000400\",\"email\":\"leo@example.com\",\"first_name\":\"Leo\"}").text("id");
        api.post("/v1/contacts/" + id + "/consents", key,
                "{\"channel\":\"sms\",\"purpose\":\"marketing\",\"status\":\"opted_in\",\"source\":\"form\",\"evidence\":\"Web form 2026-11-01\"}");
        var export = api.get("/v1/contacts/" + id + "/export", key);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).contains("leo@example.com", "Web form 2026-11-01");

        assertThat(api.delete("/v1/contacts/" + id, key).status()).isEqualTo(204);
        var gone = api.get("/v1/contacts/" + id, key);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.body()).doesNotContain("leo@example.com");
        assertThat(api.get("/v1/contacts?q=leo", key).json().get("data")).isEmpty();
        // the phone is free again, and the ledger of the erased row is still there for proof
        assertThat(api.post("/v1/contacts", key, "{\"phone\":\"+34612000400\"}").status()).isEqualTo(201);
    }
}
