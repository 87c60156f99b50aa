package dev.recado.channels.sandbox;

import dev.recado.common.Db;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ProviderInbound;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sandbox handset of a rich channel (WhatsApp, RCS): what the channel's sandbox sender delivered,
 * kept in its table ({@code id, workspace_id, reference, <provider id column>, to_address, kind,
 * summary, content, received_at}) so the virtual phone shows it, and the customer's answers — text,
 * or a tapped button or suggestion — handed to the workspace's sandbox sender as a real inbound message.
 */
public abstract class SandboxHandset {

    /** One message as the handset shows it; {@code content} is its typed content. */
    public record Received(String channel, String messageId, String to, String kind, String text, Object content,
            Instant at) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String channel;
    private final String table;
    private final String idColumn;
    /** Every node opens every sender, so each node holds the listener of each workspace's twin. */
    private final Map<Long, AdapterListener> listeners = new ConcurrentHashMap<>();

    SandboxHandset(JdbcClient jdbc, Clock clock, String channel, String table, String idColumn) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.channel = channel;
        this.table = table;
        this.idColumn = idColumn;
    }

    /** What a tap on {@code id} (titled {@code text}) sends back on this channel. */
    abstract Content.Reply tap(String id, String text);

    /** The provider id an inbound message of the handset carries. */
    abstract String inboundId();

    void opened(long workspaceId, AdapterListener listener) {
        listeners.put(workspaceId, listener);
    }

    void closed(long workspaceId, AdapterListener listener) {
        listeners.remove(workspaceId, listener);
    }

    void deliver(long workspaceId, String reference, String providerId, String to, Content content) {
        jdbc.sql("insert into " + table + " (workspace_id, reference, " + idColumn
                + ", to_address, kind, summary, content, received_at) values (:workspace, :reference, :id, :to, :kind, :summary, :content, :at)")
                .param("workspace", workspaceId).param("reference", reference).param("id", providerId)
                .param("to", digits(to)).param("kind", content.kind()).param("summary", content.summary())
                .param("content", JSON.writeValueAsString(content)).param("at", Db.ts(clock.instant())).update();
    }

    /** Newest first, at most 100; {@code to} null for every number of the workspace. */
    public List<Received> inbox(long workspaceId, String to) {
        return jdbc.sql("select reference, to_address, kind, summary, content, received_at from " + table
                + " where workspace_id = :workspace and (:to = '' or to_address = :to) order by received_at desc, id desc limit 100")
                .param("workspace", workspaceId).param("to", to == null ? "" : digits(to))
                .query((rs, n) -> new Received(channel, rs.getString(1), "+" + rs.getString(2), rs.getString(3),
                        rs.getString(4), JSON.readValue(rs.getString(5), Map.class), Db.instant(rs, "received_at")))
                .list();
    }

    /**
     * The customer writes from {@code from}, or taps {@code tapped} (then {@code text} is its title);
     * false when the workspace has no sandbox sender of this channel running.
     */
    public boolean reply(long workspaceId, String from, String text, String tapped) {
        AdapterListener listener = listeners.get(workspaceId);
        if (listener == null) {
            return false;
        }
        Content content = tapped == null ? new Content.Text(text) : tap(tapped, text);
        listener.onInbound(new ProviderInbound(digits(from), null, content.summary(), inboundId(), clock.instant(), content,
                null, null));
        return true;
    }

    void purge() {
        jdbc.sql("delete from " + table + " where received_at < :cutoff")
                .param("cutoff", Db.ts(clock.instant().minus(SandboxJournal.KEEP))).update();
    }

    private static String digits(String number) {
        return number.replaceAll("[^0-9]", "");
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }
}
