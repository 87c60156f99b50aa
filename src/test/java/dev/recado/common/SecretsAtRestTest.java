package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Provider passwords and webhook secrets are stored encrypted and never returned. */
@RecadoTest
class SecretsAtRestTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecretBox secrets;

    @Test
    void smppPasswordsAndWebhookSecretsAreEncryptedAtRest() {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Secrets");
        var sender = api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"Carrier\",\"host\":\"smpp.example.net\","
                + "\"system_id\":\"acme\",\"password\":\"s3cr3tpw\",\"source_address\":\"ACME\"}");
        assertThat(sender.status()).as(sender.body()).isEqualTo(201);
        assertThat(sender.body()).doesNotContain("s3cr3tpw");
        long senderId = Long.parseLong(sender.text("id").substring(4), 36);
        String settings = jdbc.sql("select settings from senders where id = :id").param("id", senderId).query(String.class).single();
        assertThat(settings).doesNotContain("s3cr3tpw").contains("enc:v1:");

        var hook = api.post("/v1/webhooks", key, "{\"url\":\"https://crm.example.com/recado\",\"events\":[\"message.status\"]}");
        assertThat(hook.status()).as(hook.body()).isEqualTo(201);
        String secret = hook.text("secret");
        long hookId = Long.parseLong(hook.text("id").substring(4), 36);
        String stored = jdbc.sql("select secret from webhooks where id = :id").param("id", hookId).query(String.class).single();
        assertThat(stored).startsWith("enc:v1:").doesNotContain(secret);
        assertThat(secrets.open(stored)).isEqualTo(secret);
        assertThat(api.get("/v1/webhooks", key).body()).doesNotContain(secret);
    }
}
