package dev.recado.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@RecadoTest
class WorkspaceApiTest {

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void platformKeyCreatesWorkspaceWithUsableKey() {
        var created = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY,
                "{\"name\":\"Clínica Sol\",\"default_country\":\"MX\",\"brand_color\":\"#1a7f5a\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("id")).startsWith("ws_");
        assertThat(created.text("default_country")).isEqualTo("MX");
        assertThat(created.text("currency")).isEqualTo("EUR");
        String key = created.text("api_key");
        assertThat(key).startsWith("rk_");

        var keys = api.get("/v1/api-keys", key);
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.json().get("data")).hasSize(1);
        assertThat(keys.body()).doesNotContain(key);
    }

    @Test
    void workspaceValidationNamesEveryBadField() {
        var r = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY,
                "{\"name\":\"\",\"default_country\":\"XX\",\"currency\":\"EURO\",\"timezone\":\"Mars/Base\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"name\"", "\"default_country\"", "\"currency\"", "\"timezone\"");
    }

    @Test
    void keysAreRequiredScopedAndRevocable() {
        String key = api.newWorkspace("Keys");
        assertThat(api.get("/v1/api-keys", null).status()).isEqualTo(401);
        assertThat(api.get("/v1/api-keys", "rk_doesnotexist0000000000000").status()).isEqualTo(401);
        assertThat(api.get("/v1/api-keys", ApiClient.PLATFORM_KEY).status()).isEqualTo(403);
        assertThat(api.post("/v1/workspaces", key, "{\"name\":\"x\"}").status()).isEqualTo(403);

        var readOnly = api.post("/v1/api-keys", key, "{\"name\":\"reporting\",\"scope\":\"read\"}");
        assertThat(readOnly.status()).isEqualTo(201);
        String readKey = readOnly.text("key");
        assertThat(api.get("/v1/api-keys", readKey).status()).isEqualTo(200);
        var refused = api.post("/v1/api-keys", readKey, "{\"name\":\"escalate\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("read_only_key");

        var revoked = api.delete("/v1/api-keys/" + readOnly.text("id"), key);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.text("revoked_at")).isNotNull();
        assertThat(api.get("/v1/api-keys", readKey).status()).isEqualTo(401);
        var listed = api.get("/v1/api-keys", key).json().get("data");
        assertThat(listed.get(1).get("last_used_at").isNull()).isFalse();
    }

    @Test
    void anotherWorkspacesKeyIsNotFound() {
        String a = api.newWorkspace("A");
        String b = api.newWorkspace("B");
        String keyOfB = api.get("/v1/api-keys", b).json().get("data").get(0).get("id").asString();
        assertThat(api.delete("/v1/api-keys/" + keyOfB, a).status()).isEqualTo(404);
        assertThat(api.get("/v1/api-keys", b).status()).isEqualTo(200);
    }

    @Test
    void suspendedWorkspaceIsLockedOutAndBrandingIsKept() {
        var created = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY, "{\"name\":\"Reseller client\"}");
        String id = created.text("id");
        String key = created.text("api_key");
        var patched = api.patch("/v1/workspaces/" + id, ApiClient.PLATFORM_KEY,
                "{\"suspended\":true,\"logo_url\":\"https://cdn.example.com/logo.png\",\"brand_color\":\"#ff0000\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("brand_color")).isEqualTo("#ff0000");
        var locked = api.get("/v1/api-keys", key);
        assertThat(locked.status()).isEqualTo(403);
        assertThat(locked.text("code")).isEqualTo("workspace_suspended");
        api.patch("/v1/workspaces/" + id, ApiClient.PLATFORM_KEY, "{\"suspended\":false}");
        assertThat(api.get("/v1/api-keys", key).status()).isEqualTo(200);
        assertThat(api.patch("/v1/workspaces/" + id, ApiClient.PLATFORM_KEY, "{\"brand_color\":\"red\"}").status())
                .isEqualTo(422);
    }

    @Test
    void adminsAddAgentsWhoseSecretsStayHidden() {
        String key = api.newWorkspace("Team");
        var created = api.post("/v1/users", key,
                "{\"email\":\"Agent@Example.com\",\"name\":\"Ana\",\"role\":\"agent\",\"password\":\"correct horse battery\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("email")).isEqualTo("agent@example.com");
        assertThat(created.body()).doesNotContain("correct horse");
        assertThat(api.post("/v1/users", key, "{\"email\":\"agent@example.com\",\"name\":\"x\",\"password\":\"0123456789\"}").status())
                .isEqualTo(409);
        var bad = api.post("/v1/users", key, "{\"email\":\"nope\",\"name\":\"\",\"role\":\"boss\",\"password\":\"short\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("\"email\"", "\"name\"", "\"role\"", "\"password\"");
        assertThat(api.get("/v1/users", key).json().get("data")).hasSize(1);
        assertThat(api.get("/v1/users", api.newWorkspace("Elsewhere")).json().get("data")).isEmpty();
    }
}
