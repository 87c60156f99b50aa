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
class SegmentStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<SegmentCondition>> CONDITIONS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final WorkspaceRows rows;

    SegmentStore(JdbcClient jdbc, WorkspaceRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    Segment insert(long workspaceId, String name, String match, List<SegmentCondition> conditions, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into segments (workspace_id, name, match_mode, conditions, created_at)
                values (:ws, :name, :match, :conditions, :now)""")
                .param("ws", workspaceId).param("name", name).param("match", match)
                .param("conditions", JSON.writeValueAsString(conditions)).param("now", Db.ts(now))
                .update(keys, "id");
        return new Segment(keys.getKey().longValue(), workspaceId, name, match, conditions, now);
    }

    /** A segment the API still shows (not deleted). */
    Optional<Segment> find(long workspaceId, long id) {
        return rows.findKept("segments", workspaceId, id, SegmentStore::row);
    }

    /** Deleted ones too: a campaign that names one keeps its audience. */
    Optional<Segment> findAny(long workspaceId, long id) {
        return rows.find("segments", workspaceId, id, SegmentStore::row);
    }

    List<Segment> list(long workspaceId, long beforeId, int limit) {
        return rows.pageKept("segments", workspaceId, beforeId, limit, SegmentStore::row);
    }

    boolean update(Segment s) {
        return jdbc.sql("""
                update segments set name = :name, match_mode = :match, conditions = :conditions
                where workspace_id = :ws and id = :id and deleted_at is null""")
                .param("ws", s.workspaceId()).param("id", s.id()).param("name", s.name()).param("match", s.match())
                .param("conditions", JSON.writeValueAsString(s.conditions())).update() == 1;
    }

    boolean delete(long workspaceId, long id, Instant now) {
        return rows.markDeleted("segments", workspaceId, id, now);
    }

    static String json(Segment s) {
        return JSON.writeValueAsString(new Snapshot(s.match(), s.conditions()));
    }

    static Segment fromJson(Segment source, String json) {
        Snapshot s = JSON.readValue(json, Snapshot.class);
        return new Segment(source.id(), source.workspaceId(), source.name(), s.match(), s.conditions(),
                source.createdAt());
    }

    /** What a campaign occurrence keeps of a segment. */
    record Snapshot(String match, List<SegmentCondition> conditions) {
    }

    private static Segment row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Segment(rs.getLong("id"), rs.getLong("workspace_id"), rs.getString("name"),
                rs.getString("match_mode"), JSON.readValue(rs.getString("conditions"), CONDITIONS),
                Db.instant(rs, "created_at"));
    }
}
