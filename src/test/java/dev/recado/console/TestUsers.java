package dev.recado.console;

import dev.recado.workspace.NewWorkspace;
import dev.recado.workspace.WorkspaceManagement;
import java.math.BigDecimal;
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

    /** A new Spanish workspace with the given credit, and an agent of it signed in. */
    record Owner(long workspaceId, ConsoleSession session) {
    }

    static Owner newWorkspace(WorkspaceManagement workspaces, JdbcClient jdbc, PasswordEncoder passwords, int port,
            String name, String email, String credit) {
        long id = workspaces.create(new NewWorkspace(name, "ES", "es", "Europe/Madrid", "EUR", new BigDecimal(credit),
                null, null), false).workspace().id();
        createAgent(jdbc, passwords, id, email, email + "-password");
        var session = new ConsoleSession(port);
        var login = session.login(email, email + "-password");
        if (login.location() == null || !login.location().endsWith("/")) {
            throw new AssertionError("sign-in of " + email + " failed: " + login.status());
        }
        return new Owner(id, session);
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

    /** A new workspace of its own and an admin of it (not signed in). */
    static long newAdmin(WorkspaceManagement workspaces, JdbcClient jdbc, PasswordEncoder passwords, String name,
            String email, String password) {
        long id = workspaces.create(new NewWorkspace(name, "ES", "es", "Europe/Madrid", "EUR", new BigDecimal("10"),
                null, null), false).workspace().id();
        jdbc.sql("""
                insert into users (workspace_id, email, name, password_hash, role, created_at)
                values (:ws, :email, 'Ana Admin', :hash, 'admin', :now)
                """)
                .param("ws", id).param("email", email).param("hash", passwords.encode(password))
                .param("now", Timestamp.from(Instant.now())).update();
        return id;
    }
}
