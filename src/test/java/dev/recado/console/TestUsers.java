package dev.recado.console;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Console users for tests. The workspace module has no front for adding users yet, so tests
 * write the row the way its bootstrap does.
 */
final class TestUsers {

    static final String ADMIN_EMAIL = "admin@test.local";
    static final String ADMIN_PASSWORD = "test-admin-password";

    private TestUsers() {
    }

    static long workspaceOf(JdbcClient jdbc, String email) {
        return jdbc.sql("select workspace_id from users where email = :email").param("email", email)
                .query(Long.class).single();
    }

    static void createAgent(JdbcClient jdbc, PasswordEncoder passwords, long workspaceId, String email,
            String password) {
        jdbc.sql("""
                insert into users (workspace_id, email, name, password_hash, role, created_at)
                values (:ws, :email, 'Agent Smith', :hash, 'agent', :now)
                """)
                .param("ws", workspaceId).param("email", email).param("hash", passwords.encode(password))
                .param("now", Timestamp.from(Instant.now())).update();
    }
}
