package dev.recado.channels.webchat.internal;

import dev.recado.common.Db;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Visitors and their chat streams ({@code webchat_visitors}, {@code webchat_events}). The stream is
 * what makes reconnects lossless on any node: a visitor reads it from its last seen id.
 */
@Component
public class WebchatStore {

    /** One line of a visitor's chat; {@code direction} is {@code in} (the visitor's) or {@code out}. */
    public record Event(long id, long visitorId, long senderId, String direction, String clientId, Long messageId,
            String body, Instant createdAt) {
    }

    public record Visitor(long id, long workspaceId, long senderId, String publicId, String name, String email,
            String phone, boolean formDone) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    WebchatStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new visitor of a widget; returns it and its token (shown to the browser once, stored as a hash). */
    public java.util.Map.Entry<Visitor, String> newVisitor(long workspaceId, long senderId) {
        String token = random(32);
        String publicId = "v_" + random(18);
        jdbc.sql("""
                insert into webchat_visitors (workspace_id, sender_id, public_id, token_hash, created_at)
                values (:w, :s, :p, :t, :now)""")
                .param("w", workspaceId).param("s", senderId).param("p", publicId).param("t", hash(token))
                .param("now", Db.ts(clock.instant())).update();
        return java.util.Map.entry(byPublicId(publicId).orElseThrow(), token);
    }

    /** The visitor a token names, only on the widget's own workspace. */
    public Optional<Visitor> byToken(long workspaceId, String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select * from webchat_visitors where token_hash = :t and workspace_id = :w")
                .param("t", hash(token)).param("w", workspaceId).query(WebchatStore::visitor).optional();
    }

    public Optional<Visitor> byPublicId(String publicId) {
        return jdbc.sql("select * from webchat_visitors where public_id = :p").param("p", publicId)
                .query(WebchatStore::visitor).optional();
    }

    public void saveForm(long visitorId, String name, String email, String phone) {
        jdbc.sql("update webchat_visitors set name = :n, email = :e, phone = :p, form_at = :now where id = :id")
                .param("n", name).param("e", email).param("p", phone).param("now", Db.ts(clock.instant()))
                .param("id", visitorId).update();
    }

    /** Stores what the visitor said once per client id; empty when that client id was stored before. */
    public Optional<Long> appendInbound(Visitor visitor, String clientId, String body) {
        try {
            return Optional.of(append(visitor.id(), visitor.senderId(), "in", clientId, null, body));
        } catch (DuplicateKeyException repeated) {
            return Optional.empty();
        }
    }

    public long idOfClient(long visitorId, String clientId) {
        return jdbc.sql("select id from webchat_events where visitor_id = :v and client_id = :c")
                .param("v", visitorId).param("c", clientId).query(Long.class).single();
    }

    public long appendOutbound(Visitor visitor, long senderId, long messageId, String body) {
        return append(visitor.id(), senderId, "out", null, messageId, body);
    }

    private long append(long visitorId, long senderId, String direction, String clientId, Long messageId, String body) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into webchat_events (visitor_id, sender_id, direction, client_id, message_id, body, created_at)
                values (:v, :s, :d, :c, :m, :b, :now)""")
                .param("v", visitorId).param("s", senderId).param("d", direction).param("c", clientId)
                .param("m", messageId).param("b", body).param("now", Db.ts(clock.instant()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * What a visitor has not seen: after {@code lastSeen}, and also what was stored lately, since a
     * transaction that took a lower id may commit after a higher one was read (the widget drops ids it
     * already shows). The newest {@code limit} when there are more.
     */
    public List<Event> since(long visitorId, long lastSeen, Instant recent, int limit) {
        List<Event> newest = jdbc.sql("""
                select * from webchat_events where visitor_id = :v and (id > :last or created_at >= :recent)
                 order by id desc limit :n""")
                .param("v", visitorId).param("last", lastSeen).param("recent", Db.ts(recent)).param("n", limit)
                .query(WebchatStore::event).list();
        List<Event> page = new java.util.ArrayList<>(newest);
        java.util.Collections.reverse(page);
        return page;
    }

    /** Lately stored lines of any of these visitors, for the connected ones' live push. */
    public List<Event> recent(Collection<Long> visitorIds, Instant since) {
        if (visitorIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from webchat_events where visitor_id in (:v) and created_at >= :since order by id")
                .param("v", visitorIds).param("since", Db.ts(since)).query(WebchatStore::event).list();
    }

    /** An agent is typing to this visitor of the workspace: false when there is no such visitor. */
    public boolean agentTyping(long workspaceId, String publicId) {
        return jdbc.sql("update webchat_visitors set agent_typing_at = :at where public_id = :p and workspace_id = :w")
                .param("at", Db.ts(clock.instant())).param("p", publicId).param("w", workspaceId).update() == 1;
    }

    /** When an agent last typed to each of these visitors, for those it did since {@code since}. */
    public java.util.Map<Long, Instant> typingSince(Collection<Long> visitorIds, Instant since) {
        if (visitorIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<Long, Instant> typing = new java.util.HashMap<>();
        jdbc.sql("select id, agent_typing_at from webchat_visitors where id in (:v) and agent_typing_at >= :since")
                .param("v", visitorIds).param("since", Db.ts(since))
                .query(rs -> {
                    typing.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                });
        return typing;
    }

    /** The outbound lines among these ids that belong to this visitor (what its receipts may name). */
    public List<Event> outboundOf(long visitorId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from webchat_events where visitor_id = :v and direction = 'out' and id in (:ids)")
                .param("v", visitorId).param("ids", ids).query(WebchatStore::event).list();
    }

    private static Event event(ResultSet rs, int row) throws SQLException {
        Long message = rs.getObject("message_id") == null ? null : rs.getLong("message_id");
        return new Event(rs.getLong("id"), rs.getLong("visitor_id"), rs.getLong("sender_id"), rs.getString("direction"),
                rs.getString("client_id"), message, rs.getString("body"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Visitor visitor(ResultSet rs, int row) throws SQLException {
        return new Visitor(rs.getLong("id"), rs.getLong("workspace_id"), rs.getLong("sender_id"), rs.getString("public_id"),
                rs.getString("name"), rs.getString("email"), rs.getString("phone"), rs.getTimestamp("form_at") != null);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
