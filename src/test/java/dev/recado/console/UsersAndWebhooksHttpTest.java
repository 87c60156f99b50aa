package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.RecadoTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The users page (an admin adds an agent who can then sign in) and the webhook delivery log with retry. */
@RecadoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersAndWebhooksHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    ConsoleSession admin;
    long workspaceId;

    @BeforeAll
    void signIn() {
        workspaceId = TestUsers.workspaceOf(jdbc, TestUsers.ADMIN_EMAIL);
        admin = new ConsoleSession(port);
        assertThat(admin.login(TestUsers.ADMIN_EMAIL, TestUsers.ADMIN_PASSWORD).location()).endsWith("/");
    }

    @Test
    void anAdminAddsAnAgentWhoSignsInButMayNotManageUsers() {
        var added = admin.post("/users", Map.of("name", "Maite Sanz", "email", "Maite@Tienda.test", "role", "agent",
                "password", "maite-password-1"));
        assertThat(added.status()).isEqualTo(302);
        assertThat(admin.get("/users").body()).contains("Maite Sanz can now sign in.").contains("maite@tienda.test")
                .contains("data-role=\"agent\"").contains("id=\"nav-users\"");

        var duplicate = admin.language("es").post("/users", Map.of("name", "Otra", "email", "maite@tienda.test",
                "role", "agent", "password", "otra-password-1"));
        var short_ = admin.post("/users", Map.of("name", "Corta", "email", "corta@tienda.test", "role", "agent",
                "password", "corta"));
        admin.language("en");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body()).contains("Ya existe un usuario con este correo.").contains("value=\"Otra\"");
        assertThat(short_.status()).isEqualTo(422);
        assertThat(short_.body()).contains("id=\"error-password\"").contains("debe tener de 10 a 200 caracteres");

        var agent = new ConsoleSession(port);
        assertThat(agent.login("maite@tienda.test", "maite-password-1").location()).endsWith("/");
        assertThat(agent.get("/").body()).doesNotContain("id=\"nav-users\"").doesNotContain("id=\"nav-webhooks\"");
        assertThat(agent.get("/users").status()).isEqualTo(403);
        assertThat(agent.get("/webhooks").status()).isEqualTo(403);
        assertThat(agent.post("/users", Map.of("name", "X", "email", "x@tienda.test", "password", "x-password-12"))
                .status()).isEqualTo(403);
    }

    @Test
    void aFailedDeliveryIsShownAndGoesOutAgainOnRetry() {
        long failed = delivery(workspaceId, "failed", 9);
        long delivered = delivery(workspaceId, "delivered", 1);
        var page = admin.get("/webhooks").body();
        assertThat(page).contains("data-id=\"whd_").contains("Given up").contains("HTTP 500")
                .contains("/webhooks/deliveries/" + id(failed) + "/retry")
                .doesNotContain("/webhooks/deliveries/" + id(delivered) + "/retry");

        var retried = admin.post("/webhooks/deliveries/" + id(failed) + "/retry", Map.of());
        assertThat(retried.location()).endsWith("/webhooks");
        // the deliverer takes it on its next round and tries once more (the address answers nothing)
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(failed) == 10);
        assertThat(admin.post("/webhooks/deliveries/" + id(delivered) + "/retry", Map.of()).status()).isEqualTo(409);

        long other = delivery(workspaceId + 1000, "failed", 1);
        assertThat(admin.post("/webhooks/deliveries/" + id(other) + "/retry", Map.of()).status()).isEqualTo(404);
    }

    private String id(long delivery) {
        return dev.recado.common.PublicId.of("whd_", delivery);
    }

    private int attempts(long delivery) {
        return jdbc.sql("select attempts from webhook_deliveries where id = :id").param("id", delivery)
                .query(Integer.class).single();
    }

    private long delivery(long workspace, String status, int attempts) {
        var created = Timestamp.from(Instant.now().minus(Duration.ofDays(2)));
        jdbc.sql("""
                insert into webhook_deliveries (workspace_id, url, secret, event_type, payload, status, attempts,
                                                next_attempt_at, last_status, last_error, created_at)
                values (:ws, 'http://127.0.0.1:9/hook', 'secret', 'message.status', '{}', :status, :attempts,
                        :created, 500, 'Internal Server Error', :created)
                """).param("ws", workspace).param("status", status).param("attempts", attempts)
                .param("created", created).update();
        return jdbc.sql("select max(id) from webhook_deliveries").query(Long.class).single();
    }
}
