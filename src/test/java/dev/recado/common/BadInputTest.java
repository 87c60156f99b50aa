package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every kind of bad request gets a problem response naming what is wrong, and changes nothing. */
@RecadoTest
class BadInputTest {

    @LocalServerPort
    int port;
    ApiClient api;
    String key;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Bad input");
    }

    private void assertNothingStored() {
        assertThat(api.get("/v1/contacts", key).json().get("data")).isEmpty();
    }

    @Test
    void malformedJsonIs400Problem() {
        var r = api.post("/v1/contacts", key, "{\"phone\": \"+34612345678\",");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo("malformed_json");
        assertThat(api.post("/v1/contacts", key, "").status()).isEqualTo(400);
        assertThat(api.post("/v1/contacts", key, "{} {}").status()).isEqualTo(400);
        assertNothingStored();
    }

    @Test
    void wrongTypesNameTheField() {
        var r = api.post("/v1/contacts", key, "{\"phone\":\"+34612345678\",\"tags\":\"vip\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("tags");
        var nested = api.post("/v1/contacts", key, "{\"phone\":\"+34612345678\",\"tags\":[\"ok\", {\"a\":1}]}");
        assertThat(nested.status()).isEqualTo(422);
        assertThat(nested.json().get("errors").get(0).get("field").asString()).isEqualTo("tags[1]");
        assertNothingStored();
    }

    @Test
    void unknownFieldsAndEnumValuesAreNamed() {
        var typo = api.post("/v1/contacts", key, "{\"phone\":\"+34612345678\",\"fist_name\":\"Ana\"}");
        assertThat(typo.status()).isEqualTo(422);
        assertThat(typo.json().get("errors").get(0).get("field").asString()).isEqualTo("fist_name");
        var scope = api.post("/v1/api-keys", key, "{\"name\":\"x\",\"scope\":\"admin\"}");
        assertThat(scope.status()).isEqualTo(422);
        assertThat(scope.json().get("errors").get(0).get("message").asString()).contains("read", "full");
        assertNothingStored();
    }

    @Test
    void oversizeBodiesAre413() {
        String big = "{\"phone\":\"+34612345678\",\"first_name\":\"" + "x".repeat(1_100_000) + "\"}";
        var r = api.post("/v1/contacts", key, big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json;charset=UTF-8");
        assertThat(r.text("code")).isEqualTo("payload_too_large");
        assertNothingStored();
    }

    @Test
    void wrongMediaTypeAndMethodAreProblems() {
        var r = api.postRaw("/v1/contacts", key, "application/xml", "<contact/>".getBytes());
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.text("code")).isEqualTo("unsupported_media_type");
        assertThat(api.patch("/v1/contacts", key, "{}").status()).isEqualTo(405);
        assertThat(api.get("/v1/nothing-here", key).status()).isEqualTo(404);
        assertThat(api.get("/v1/contacts?created_after=yesterday", key).status()).isEqualTo(422);
    }

    @Test
    void idempotencyKeyReplaysAndRefusesReuse() {
        var headers = Map.of("Idempotency-Key", "create-ana-1");
        var first = api.post("/v1/contacts", key, "{\"phone\":\"+34612345678\"}", headers);
        var second = api.post("/v1/contacts", key, "{\"phone\":\"+34612345678\"}", headers);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.text("id")).isEqualTo(first.text("id"));
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        var reused = api.post("/v1/contacts", key, "{\"phone\":\"+34612345679\"}", headers);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("code")).isEqualTo("idempotency_key_reused");
        assertThat(api.get("/v1/contacts", key).json().get("data")).hasSize(1);
        // keys are per workspace
        String other = api.newWorkspace("Other");
        assertThat(api.post("/v1/contacts", other, "{\"phone\":\"+34612345679\"}", headers).status()).isEqualTo(201);
    }
}
