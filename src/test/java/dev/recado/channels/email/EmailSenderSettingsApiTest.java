package dev.recado.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** SMTP sender settings are refused field by field (RFC 9457 errors), and nothing is stored. */
@RecadoTest
class EmailSenderSettingsApiTest {

    @LocalServerPort
    int port;
    ApiClient api;
    String key;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Email settings " + System.nanoTime());
    }

    @Test
    void eachBadSettingIsNamedAndNothingIsStored() {
        var bad = api.post("/v1/senders", key, """
                {"channel":"email","name":"Broken","smtp_port":70000,"tls":"ssl","from_address":"not an address",
                 "password":"p","from_name":"Tienda\\r\\nBcc: all@example.com","colour":"blue"}""");
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        var fields = bad.json().get("errors").findValuesAsString("field");
        assertThat(fields).contains("smtp_host", "smtp_port", "tls", "from_address", "username", "from_name", "colour");
        assertThat(api.get("/v1/senders", key).json().get("data")).isEmpty();
    }

    @Test
    void aPortGivenAsTextIsRefused() {
        var bad = api.post("/v1/senders", key, """
                {"channel":"email","name":"Text port","smtp_host":"smtp.example.com","smtp_port":"587",
                 "from_address":"hola@example.com"}""");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactly("smtp_port");
    }

    @Test
    void anUpdateIsValidatedAgainAndKeepsThePassword() {
        var created = api.post("/v1/senders", key, """
                {"channel":"email","name":"Relay","smtp_host":"smtp.example.com","username":"u","password":"pw-kept",
                 "from_address":"hola@example.com","default":true}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("pw-kept");
        String id = created.text("id");
        var bad = api.patch("/v1/senders/" + id, key, "{\"tls\":\"maybe\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactly("tls");
        assertThat(api.patch("/v1/senders/" + id, key, "{\"from_name\":\"Hola\"}").status()).isEqualTo(200);
        api.delete("/v1/senders/" + id, key);
    }
}
