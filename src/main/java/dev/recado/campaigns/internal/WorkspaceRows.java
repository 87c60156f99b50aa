package dev.recado.campaigns.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The two reads every campaigns table answers the API with: one row of a workspace, and a page of
 * its rows newest first. {@code table} is always one of this module's table names, never input.
 */
@Component
class WorkspaceRows {

    private final JdbcClient jdbc;

    WorkspaceRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    <T> Optional<T> find(String table, long workspaceId, long id, RowMapper<T> row) {
        return jdbc.sql("select * from " + table + " where workspace_id = :ws and id = :id")
                .param("ws", workspaceId).param("id", id).query(row).optional();
    }

    /** Rows of a table whose rows can be deleted (a {@code deleted_at} column): only those that are not. */
    <T> Optional<T> findKept(String table, long workspaceId, long id, RowMapper<T> row) {
        return jdbc.sql("select * from " + table + " where workspace_id = :ws and id = :id and deleted_at is null")
                .param("ws", workspaceId).param("id", id).query(row).optional();
    }

    /** Marks a row deleted (the row stays for what still names it); false when it already was or is not there. */
    boolean markDeleted(String table, long workspaceId, long id, java.time.Instant now) {
        return jdbc.sql("update " + table + " set deleted_at = :now where workspace_id = :ws and id = :id"
                + " and deleted_at is null").param("ws", workspaceId).param("id", id)
                .param("now", dev.recado.common.Db.ts(now)).update() == 1;
    }

    <T> List<T> page(String table, long workspaceId, long beforeId, int limit, RowMapper<T> row) {
        return page(table, "", workspaceId, beforeId, limit, row);
    }

    <T> List<T> pageKept(String table, long workspaceId, long beforeId, int limit, RowMapper<T> row) {
        return page(table, " and deleted_at is null", workspaceId, beforeId, limit, row);
    }

    private <T> List<T> page(String table, String kept, long workspaceId, long beforeId, int limit, RowMapper<T> row) {
        return jdbc.sql("select * from " + table + " where workspace_id = :ws and id < :before" + kept
                + " order by id desc"
                + " fetch first :limit rows only")
                .param("ws", workspaceId).param("before", beforeId).param("limit", limit).query(row).list();
    }
}
