package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.common.IdBlocks;
import dev.recado.common.SetStatements;
import dev.recado.messaging.MessageDraft;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Routes of messages sent with a channel order ({@code message_routes}, {@code route_messages},
 * {@code route_steps}, V64). Every change of a route's current message is a guarded update on
 * the message it expects to replace, so a move happens once however many nodes try.
 */
@Repository
class RouteStore {

    static final String ACTIVE = "active";
    static final String DELIVERED = "delivered";
    static final String EXHAUSTED = "exhausted";

    /** A route as the fallback worker and the outcome listener read it. */
    record Route(long id, long workspaceId, List<String> channels, int channelIndex, long currentMessageId,
            int fallbackAfterSeconds, String draftJson, String state, Instant dueAt, String dueReason,
            Long deliveredMessageId) {

        String currentChannel() {
            return channels.get(channelIndex);
        }

        List<String> remaining() {
            return channels.subList(channelIndex + 1, channels.size());
        }

        MessageDraft draft() {
            return MessageStore.JSON.readValue(draftJson, MessageDraft.class);
        }
    }

    record Step(String channel, String outcome, String code, String detail, Long messageId, Instant at) {
    }

    private static final String SELECT = """
            select id, workspace_id, channels, channel_index, current_message_id, fallback_after_seconds, draft, state,
                   due_at, due_reason, delivered_message_id from message_routes""";

    private final JdbcClient jdbc;
    private final String lockClause;

    RouteStore(JdbcClient jdbc, IdBlocks ids) {
        this.jdbc = jdbc;
        // nodes claiming due routes on PostgreSQL never take the same row; on H2 (one node) the
        // guarded update in take() is what keeps a route from moving twice
        this.lockClause = ids.postgres() ? " for update skip locked" : "";
    }

    void create(long id, long workspaceId, List<String> channels, int channelIndex, int fallbackAfterSeconds,
            String draftJson, Instant dueAt, Instant now) {
        jdbc.sql("""
                insert into message_routes (id, workspace_id, channels, channel_index, current_message_id,
                    fallback_after_seconds, draft, state, due_at, created_at, updated_at)
                values (:id, :ws, :channels, :index, :id, :fallback, :draft, 'active', :due, :now, :now)""")
                .param("id", id).param("ws", workspaceId).param("channels", String.join(",", channels))
                .param("index", channelIndex).param("fallback", fallbackAfterSeconds).param("draft", draftJson)
                .param("due", Db.ts(dueAt)).param("now", Db.ts(now)).update();
        member(id, id);
    }

    /** The follow-up says which route it continues, for the dispatcher's last look ({@link RouteFollowUps}). */
    void followUp(long messageId, long routeId) {
        member(messageId, routeId);
        jdbc.sql("update messages set continues_route = :r where id = :m").param("r", routeId).param("m", messageId)
                .update();
    }

    void member(long messageId, long routeId) {
        jdbc.sql("insert into route_messages (message_id, route_id) values (:m, :r)")
                .param("m", messageId).param("r", routeId).update();
    }

    void step(long routeId, String channel, String outcome, String code, String detail, Long messageId, Instant at) {
        jdbc.sql("""
                insert into route_steps (route_id, channel, outcome, code, detail, message_id, at)
                values (:r, :channel, :outcome, :code, :detail, :m, :at)""")
                .param("r", routeId).param("channel", channel).param("outcome", outcome).param("code", code)
                .param("detail", detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500))
                .param("m", messageId).param("at", Db.ts(at)).update();
    }

    /** The route moved on to a follow-up message {@code skipped + 1} places further in its order. */
    void advance(long routeId, long messageId, int places, Instant dueAt, Instant now) {
        jdbc.sql("""
                update message_routes set current_message_id = :m, channel_index = channel_index + :places,
                    due_at = :due, due_reason = null, updated_at = :now where id = :r""")
                .param("m", messageId).param("places", places).param("due", Db.ts(dueAt)).param("now", Db.ts(now))
                .param("r", routeId).update();
    }

    void end(long routeId, String state, Long deliveredMessageId, Instant now) {
        jdbc.sql("""
                update message_routes set state = :state, delivered_message_id = :m, due_at = null, updated_at = :now
                where id = :r and state = 'active'""")
                .param("state", state).param("m", deliveredMessageId).param("now", Db.ts(now)).param("r", routeId)
                .update();
    }

    /** Routes whose current message is late or failed, locked for this transaction where the database can. */
    List<Route> due(Instant now, int limit) {
        return jdbc.sql(SELECT + " where due_at <= :now and state = 'active' order by due_at limit :limit"
                        + lockClause)
                .param("now", Db.ts(now)).param("limit", limit).query(RouteStore::map).list();
    }

    /**
     * The one guarded write that lets a transaction move a route on: true only for the first to
     * take it with the same current message and due time.
     */
    boolean take(Route route) {
        return jdbc.sql("""
                update message_routes set due_at = null
                where id = :r and state = 'active' and current_message_id = :m and due_at = :due""")
                .param("r", route.id()).param("m", route.currentMessageId()).param("due", Db.ts(route.dueAt()))
                .update() == 1;
    }

    /** The current message failed for good: the route is due now (once; a later failure changes nothing). */
    boolean failed(long messageId, String reason, Instant now) {
        return jdbc.sql("""
                update message_routes set due_at = :now, due_reason = :reason, updated_at = :now
                where current_message_id = :m and state = 'active' and due_at is not null
                  and (due_reason is null or due_reason not like 'failed:%')""")
                .param("now", Db.ts(now)).param("reason", reason).param("m", messageId).update() == 1;
    }

    /** The routes the given messages belong to, keyed by message. */
    List<Member> routesOf(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select m.message_id, r.* from route_messages m join message_routes r on r.id = m.route_id"
                        + " where m.message_id = any(:ids)")
                .param("ids", SetStatements.bigints(messageIds))
                .query((rs, n) -> new Member(rs.getLong("message_id"), map(rs, n))).list();
    }

    record Member(long messageId, Route route) {
    }

    /**
     * The routes of the given messages, each row locked for this transaction and read as it stands
     * once the lock is had: a move on ({@link #take}) and a delivery serialize on the route row.
     * Locked in id order, so two deliveries never wait on each other crosswise. One query when
     * none of the messages is on a route (the usual case).
     */
    List<Member> lockRoutesOf(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        var links = jdbc.sql("select message_id, route_id from route_messages where message_id = any(:ids)")
                .param("ids", SetStatements.bigints(messageIds)).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        if (links.isEmpty()) {
            return List.of();
        }
        var byId = new java.util.HashMap<Long, Route>();
        jdbc.sql(SELECT + " where id = any(:ids) order by id for update")
                .param("ids", SetStatements.bigints(links.stream().map(l -> l[1]).distinct().toList()))
                .query(RouteStore::map).list().forEach(r -> byId.put(r.id(), r));
        return links.stream().sorted(java.util.Comparator.comparingLong(l -> l[1]))
                .map(l -> new Member(l[0], byId.get(l[1]))).toList();
    }

    Optional<Route> ofMessage(long workspaceId, long messageId) {
        return jdbc.sql(SELECT + " where workspace_id = :ws and id = (select route_id from route_messages where message_id = :m)")
                .param("ws", workspaceId).param("m", messageId).query(RouteStore::map).optional();
    }

    List<Step> steps(long routeId) {
        return jdbc.sql("select channel, outcome, code, detail, message_id, at from route_steps where route_id = :r order by id")
                .param("r", routeId)
                .query((rs, n) -> new Step(rs.getString("channel"), rs.getString("outcome"), rs.getString("code"),
                        rs.getString("detail"), rs.getObject("message_id") == null ? null : rs.getLong("message_id"),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    boolean hasStep(long routeId, long messageId, String outcome) {
        return jdbc.sql("select count(*) from route_steps where route_id = :r and message_id = :m and outcome = :o")
                .param("r", routeId).param("m", messageId).param("o", outcome).query(Long.class).single() > 0;
    }

    private static Route map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp due = rs.getTimestamp("due_at");
        return new Route(rs.getLong("id"), rs.getLong("workspace_id"), Arrays.asList(rs.getString("channels").split(",")),
                rs.getInt("channel_index"), rs.getLong("current_message_id"), rs.getInt("fallback_after_seconds"),
                rs.getString("draft"), rs.getString("state"), due == null ? null : due.toInstant(),
                rs.getString("due_reason"),
                rs.getObject("delivered_message_id") == null ? null : rs.getLong("delivered_message_id"));
    }
}
