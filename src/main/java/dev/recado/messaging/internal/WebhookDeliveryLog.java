package dev.recado.messaging.internal;

import dev.recado.common.ApiException;
import dev.recado.common.Db;
import dev.recado.messaging.WebhookDelivery;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the webhook outbox for people, and moves a delivery's next attempt to now. */
@Repository
public class WebhookDeliveryLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    WebhookDeliveryLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<WebhookDelivery> list(long workspaceId, long beforeId, int limit) {
        return jdbc.sql("""
                -- name: webhook-deliveries-newest-first
                select id, url, event_type, status, attempts, last_status, last_error, created_at, next_attempt_at,
                       delivered_at
                  from webhook_deliveries where workspace_id = :ws and id < :before order by id desc limit :limit
                """)
                .param("ws", workspaceId).param("before", beforeId).param("limit", limit)
                .query((rs, n) -> new WebhookDelivery(rs.getLong("id"), rs.getString("url"), rs.getString("event_type"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getObject("last_status", Integer.class),
                        rs.getString("last_error"), Db.instant(rs, "created_at"), Db.instant(rs, "next_attempt_at"),
                        Db.instant(rs, "delivered_at")))
                .list();
    }

    /** False when there is no such delivery in the workspace, or it was delivered already. */
    public boolean retryNow(long workspaceId, long id) {
        var status = jdbc.sql("select status from webhook_deliveries where workspace_id = :ws and id = :id")
                .param("ws", workspaceId).param("id", id).query(String.class).optional()
                .orElseThrow(() -> ApiException.notFound("Webhook delivery"));
        return jdbc.sql("""
                update webhook_deliveries set status = 'pending', next_attempt_at = :now
                 where workspace_id = :ws and id = :id and status in ('pending', 'failed')
                """)
                .param("now", Db.ts(clock.instant())).param("ws", workspaceId).param("id", id).update() == 1
                && !"delivered".equals(status);
    }
}
