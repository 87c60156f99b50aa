package dev.recado.workspace.internal;

import dev.recado.common.Db;
import dev.recado.common.Redacted;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserRepository {

    public record StoredUser(long id, long workspaceId, String email, String name, String passwordHash, String role) {

        /** Never the secrets: a record's own toString would print them into any log line. */
        @Override
        public String toString() {
            return Redacted.toString(this);
        }
    }

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    /** Records activity at {@code now} unless it was recorded less than {@code every} ago (so a page view rarely writes). */
    public void markActive(long userId, Instant now, java.time.Duration every) {
        jdbc.sql("""
                update users set last_active_at = :now
                 where id = :id and (last_active_at is null or last_active_at < :due)""")
                .param("now", Db.ts(now)).param("id", userId).param("due", Db.ts(now.minus(every))).update();
    }

    public boolean anyActiveSince(long workspaceId, Instant since) {
        return jdbc.sql("select count(*) from users where workspace_id = :ws and last_active_at >= :since")
                .param("ws", workspaceId).param("since", Db.ts(since)).query(Long.class).single() > 0;
    }

    public void insert(long workspaceId, String email, String name, String passwordHash, String role, Instant now) {
        jdbc.sql("""
                insert into users (workspace_id, email, name, password_hash, role, created_at)
                values (:ws, :email, :name, :hash, :role, :now)
                """)
                .param("ws", workspaceId).param("email", email.toLowerCase(java.util.Locale.ROOT)).param("name", name)
                .param("hash", passwordHash).param("role", role).param("now", Db.ts(now))
                .update();
    }

    public java.util.List<dev.recado.workspace.ConsoleUserView> list(long workspaceId) {
        return jdbc.sql("select id, email, name, role, created_at from users where workspace_id = :ws order by id")
                .param("ws", workspaceId)
                .query((rs, n) -> new dev.recado.workspace.ConsoleUserView(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), Db.instant(rs, "created_at")))
                .list();
    }

    public Optional<StoredUser> findByEmail(String email) {
        return jdbc.sql("select * from users where email = :email")
                .param("email", email.toLowerCase(java.util.Locale.ROOT))
                .query((rs, row) -> new StoredUser(rs.getLong("id"), rs.getLong("workspace_id"), rs.getString("email"),
                        rs.getString("name"), rs.getString("password_hash"), rs.getString("role")))
                .optional();
    }
}
