package dev.recado.campaigns.internal;

import dev.recado.common.Db;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class TemplateStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<TemplateVariant>> VARIANTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final WorkspaceRows rows;

    TemplateStore(JdbcClient jdbc, WorkspaceRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    MessageTemplate insert(long workspaceId, String name, String purpose, List<TemplateVariant> variants, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into templates (workspace_id, name, purpose, variants, created_at)
                values (:ws, :name, :purpose, :variants, :now)""")
                .param("ws", workspaceId).param("name", name).param("purpose", purpose)
                .param("variants", JSON.writeValueAsString(variants)).param("now", Db.ts(now))
                .update(keys, "id");
        return new MessageTemplate(keys.getKey().longValue(), workspaceId, name, purpose, variants, now);
    }

    /** A template the API still shows (not deleted). */
    Optional<MessageTemplate> find(long workspaceId, long id) {
        return rows.findKept("templates", workspaceId, id, TemplateStore::row);
    }

    /** Deleted ones too: a campaign that names one keeps sending what it was given. */
    Optional<MessageTemplate> findAny(long workspaceId, long id) {
        return rows.find("templates", workspaceId, id, TemplateStore::row);
    }

    List<MessageTemplate> list(long workspaceId, long beforeId, int limit) {
        return rows.pageKept("templates", workspaceId, beforeId, limit, TemplateStore::row);
    }

    boolean update(MessageTemplate t) {
        return jdbc.sql("""
                update templates set name = :name, purpose = :purpose, variants = :variants
                where workspace_id = :ws and id = :id and deleted_at is null""")
                .param("ws", t.workspaceId()).param("id", t.id()).param("name", t.name()).param("purpose", t.purpose())
                .param("variants", JSON.writeValueAsString(t.variants())).update() == 1;
    }

    boolean delete(long workspaceId, long id, Instant now) {
        return rows.markDeleted("templates", workspaceId, id, now);
    }

    static String json(MessageTemplate t) {
        return JSON.writeValueAsString(new Snapshot(t.name(), t.purpose(), t.variants()));
    }

    static MessageTemplate fromJson(MessageTemplate source, String json) {
        Snapshot s = JSON.readValue(json, Snapshot.class);
        return new MessageTemplate(source.id(), source.workspaceId(), s.name(), s.purpose(), s.variants(),
                source.createdAt());
    }

    /** What a campaign occurrence keeps of a template. */
    record Snapshot(String name, String purpose, List<TemplateVariant> variants) {
    }

    private static MessageTemplate row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new MessageTemplate(rs.getLong("id"), rs.getLong("workspace_id"), rs.getString("name"),
                rs.getString("purpose"), JSON.readValue(rs.getString("variants"), VARIANTS),
                Db.instant(rs, "created_at"));
    }
}
