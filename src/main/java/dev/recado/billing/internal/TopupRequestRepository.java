package dev.recado.billing.internal;

import dev.recado.billing.TopupRequest;
import dev.recado.common.Db;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class TopupRequestRepository {

    private final JdbcClient jdbc;

    TopupRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long workspaceId, BigDecimal amount, String currency, String note, String requestedBy,
            Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into topup_requests (workspace_id, amount, currency, note, requested_by, status, created_at)
                values (:ws, :amount, :cur, :note, :by, 'pending', :now)
                """)
                .param("ws", workspaceId).param("amount", amount).param("cur", currency).param("note", note)
                .param("by", requestedBy).param("now", Db.ts(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** A request by id; {@code workspaceId} null is the platform, which sees every workspace's. */
    public Optional<TopupRequest> find(Long workspaceId, long id) {
        return jdbc.sql("select * from topup_requests where id = :id"
                + (workspaceId == null ? "" : " and workspace_id = :ws"))
                .param("id", id).param("ws", workspaceId == null ? 0L : workspaceId)
                .query(TopupRequestRepository::map).optional();
    }

    /** Newest first, before {@code beforeId}; either filter may be null. */
    public List<TopupRequest> list(Long workspaceId, String status, long beforeId, int limit) {
        String sql = "select * from topup_requests where id < :before"
                + (workspaceId == null ? "" : " and workspace_id = :ws")
                + (status == null ? "" : " and status = :status")
                + " order by id desc limit :limit";
        return jdbc.sql(sql).param("before", beforeId).param("ws", workspaceId == null ? 0L : workspaceId)
                .param("status", status == null ? "" : status).param("limit", limit)
                .query(TopupRequestRepository::map).list();
    }

    /** Marks a pending request credited; false when it was not pending any more (credited meanwhile). */
    public boolean markCredited(long id, long ledgerId, Instant now) {
        return jdbc.sql("""
                update topup_requests set status = 'credited', credited_at = :now, ledger_id = :ledger
                 where id = :id and status = 'pending'
                """).param("now", Db.ts(now)).param("ledger", ledgerId).param("id", id).update() == 1;
    }

    private static TopupRequest map(ResultSet rs, int row) throws SQLException {
        Number ledger = (Number) rs.getObject("ledger_id");
        return new TopupRequest(rs.getLong("id"), rs.getLong("workspace_id"), rs.getBigDecimal("amount"),
                rs.getString("currency"), rs.getString("note"), rs.getString("requested_by"), rs.getString("status"),
                Db.instant(rs, "created_at"), Db.instant(rs, "credited_at"), ledger == null ? null : ledger.longValue());
    }
}
