package dev.recado.workspace.internal;

import dev.recado.common.Db;
import dev.recado.workspace.Workspace;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class WorkspaceRepository {

    private final JdbcClient jdbc;

    WorkspaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(Workspace w) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into workspaces (name, default_country, default_language, timezone, currency, logo_url,
                                        brand_color, suspended, email_double_opt_in, created_at)
                values (:name, :country, :language, :timezone, :currency, :logo, :color, false, true, :now)
                """)
                .param("name", w.name()).param("country", w.defaultCountry()).param("language", w.defaultLanguage())
                .param("timezone", w.timezone()).param("currency", w.currency()).param("logo", w.logoUrl())
                .param("color", w.brandColor()).param("now", Db.ts(w.createdAt()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<Workspace> find(long id) {
        return jdbc.sql("select * from workspaces where id = :id").param("id", id).query(WorkspaceRepository::map).optional();
    }

    public Optional<Workspace> first() {
        return jdbc.sql("select * from workspaces order by id limit 1").query(WorkspaceRepository::map).optional();
    }

    public List<Workspace> list(long beforeId, int limit) {
        return jdbc.sql("select * from workspaces where id < :before order by id desc limit :limit")
                .param("before", beforeId).param("limit", limit).query(WorkspaceRepository::map).list();
    }

    public void update(Workspace w) {
        jdbc.sql("""
                update workspaces set name = :name, logo_url = :logo, brand_color = :color, suspended = :suspended,
                       default_country = :country, default_language = :language, timezone = :timezone,
                       email_double_opt_in = :doi, allow_private_hosts = :private
                 where id = :id
                """)
                .param("name", w.name()).param("logo", w.logoUrl()).param("color", w.brandColor())
                .param("suspended", w.suspended()).param("country", w.defaultCountry())
                .param("language", w.defaultLanguage()).param("timezone", w.timezone())
                .param("doi", w.emailDoubleOptIn()).param("private", w.allowPrivateHosts()).param("id", w.id())
                .update();
    }

    static Workspace map(ResultSet rs, int row) throws SQLException {
        Instant created = Db.instant(rs, "created_at");
        return new Workspace(rs.getLong("id"), rs.getString("name"), rs.getString("default_country"),
                rs.getString("default_language"), rs.getString("timezone"), rs.getString("currency"),
                rs.getString("logo_url"), rs.getString("brand_color"), rs.getBoolean("suspended"),
                rs.getBoolean("email_double_opt_in"), created, rs.getBoolean("allow_private_hosts"));
    }
}
