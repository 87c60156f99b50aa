package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.messaging.spi.SenderState;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Senders' connection states in the database ({@code sender_links}, V65), for routing on any node. */
@Repository
class SenderLinks {

    record Link(SenderState state, Instant since) {

        /** Not connected (nor merely throttled) for longer than {@code threshold} seconds. */
        boolean downLongerThan(long thresholdSeconds, Instant now) {
            return state != SenderState.CONNECTED && state != SenderState.THROTTLED
                    && since.plusSeconds(thresholdSeconds).isBefore(now);
        }
    }

    private final JdbcClient jdbc;

    SenderLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code since} is when the sender last went up or down: reconnect attempts while down keep it. */
    void record(long senderId, SenderState state, Instant now) {
        boolean up = state == SenderState.CONNECTED || state == SenderState.THROTTLED;
        if (jdbc.sql("update sender_links set state = :s, since = case when (state in ('CONNECTED', 'THROTTLED')) = :up"
                        + " then since else :now end, updated_at = :now where sender_id = :id")
                .param("s", state.name()).param("up", up).param("now", Db.ts(now)).param("id", senderId).update() > 0) {
            return;
        }
        try {
            jdbc.sql("insert into sender_links (sender_id, state, since, updated_at) values (:id, :s, :now, :now)")
                    .param("id", senderId).param("s", state.name()).param("now", Db.ts(now)).update();
        } catch (DuplicateKeyException raced) {
            record(senderId, state, now);
        }
    }

    Map<Long, Link> of(Collection<Long> senderIds) {
        Map<Long, Link> links = new HashMap<>();
        if (senderIds.isEmpty()) {
            return links;
        }
        jdbc.sql("select sender_id, state, since from sender_links where sender_id in (:ids)").param("ids", senderIds)
                .query(rs -> {
                    links.put(rs.getLong("sender_id"), new Link(SenderState.valueOf(rs.getString("state")),
                            Db.instant(rs, "since")));
                });
        return links;
    }
}
