package dev.recado.channels.sandbox;

import dev.recado.common.Db;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.SenderConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sandbox handset of a rich channel (WhatsApp, RCS, Telegram): what the channel's sandbox sender delivered,
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
    final Clock clock;
    private final String channel;
    private final String table;
    private final String idColumn;
    /** Every node opens every sender, so each node holds the twin of each workspace. */
    private final Map<Long, Twin> twins = new ConcurrentHashMap<>();

    /** The workspace's running sandbox sender of this channel. */
    record Twin(SenderConfig sender, AdapterListener listener) {
    }

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

    String channel() {
        return channel;
    }

    /** The address as stored and matched: the digits of a phone number by default. */
    String address(String to) {
        return digits(to);
    }

    /** The stored address as the outbox shows it: a phone number in E.164 by default. */
    String shown(String stored) {
        return "+" + stored;
    }

    /**
     * What the customer's message or tap becomes on the sender's side; by default one inbound
     * message from the phone number, as WhatsApp and RCS hand them over.
     */
    List<ProviderInbound> received(SenderConfig sender, String from, String text, String tapped) {
        Content content = tapped == null ? new Content.Text(text) : tap(tapped, text);
        return List.of(new ProviderInbound(digits(from), null, content.summary(), inboundId(), clock.instant(), content,
                null, null));
    }

    void opened(SenderConfig sender, AdapterListener listener) {
        twins.put(sender.workspaceId(), new Twin(sender, listener));
    }

    void closed(SenderConfig sender, AdapterListener listener) {
        twins.remove(sender.workspaceId(), new Twin(sender, listener));
    }

    void deliver(long workspaceId, String reference, String providerId, String to, Content content) {
        jdbc.sql("insert into " + table + " (workspace_id, reference, " + idColumn
                + ", to_address, kind, summary, content, received_at) values (:workspace, :reference, :id, :to, :kind, :summary, :content, :at)")
                .param("workspace", workspaceId).param("reference", reference).param("id", providerId)
                .param("to", address(to)).param("kind", content.kind()).param("summary", content.summary())
                .param("content", JSON.writeValueAsString(content)).param("at", Db.ts(clock.instant())).update();
    }

    /** Newest first, at most 100; {@code to} null for every number of the workspace. */
    public List<Received> inbox(long workspaceId, String to) {
        return jdbc.sql("select reference, to_address, kind, summary, content, received_at from " + table
                + " where workspace_id = :workspace and (:to = '' or to_address = :to) order by received_at desc, id desc limit 100")
                .param("workspace", workspaceId).param("to", to == null ? "" : address(to))
                .query((rs, n) -> new Received(channel, rs.getString(1), shown(rs.getString(2)), rs.getString(3),
                        rs.getString(4), JSON.readValue(rs.getString(5), Map.class), Db.instant(rs, "received_at")))
                .list();
    }

    /**
     * The customer writes from {@code from}, or taps {@code tapped} (then {@code text} is its title);
     * false when the workspace has no sandbox sender of this channel running.
     */
    public boolean reply(long workspaceId, String from, String text, String tapped) {
        Twin twin = twins.get(workspaceId);
        if (twin == null) {
            return false;
        }
        received(twin.sender(), from, text, tapped).forEach(twin.listener()::onInbound);
        return true;
    }

    /** Each handset bean purges its own table (Spring finds the annotation on the subclass's bean). */
    @Scheduled(fixedDelay = 3_600_000, initialDelay = 600_000)
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
