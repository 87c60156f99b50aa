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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's WhatsApp handset: messages a {@code sandbox_whatsapp} sender delivered (in the
 * database), and the customer's replies (text or a tapped button), handed to the workspace's
 * sandbox WhatsApp sender as a real inbound message, which opens the service window.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
public class SandboxWhatsApp {

    /** One message as the handset shows it; {@code content} is its typed content. */
    public record Received(String channel, String messageId, String to, String kind, String text, Object content,
            Instant at) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;
    /** Every node opens every sender, so each node holds the listener of each workspace's twin. */
    private final Map<Long, AdapterListener> listeners = new ConcurrentHashMap<>();

    SandboxWhatsApp(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void opened(long workspaceId, AdapterListener listener) {
        listeners.put(workspaceId, listener);
    }

    void closed(long workspaceId, AdapterListener listener) {
        listeners.remove(workspaceId, listener);
    }

    void deliver(long workspaceId, String reference, String wamid, String to, Content content) {
        jdbc.sql("""
                insert into sandbox_whatsapp (workspace_id, reference, wamid, to_address, kind, summary, content, received_at)
                values (:workspace, :reference, :wamid, :to, :kind, :summary, :content, :at)""")
                .param("workspace", workspaceId).param("reference", reference).param("wamid", wamid)
                .param("to", digits(to)).param("kind", content.kind()).param("summary", content.summary())
                .param("content", JSON.writeValueAsString(content)).param("at", Db.ts(clock.instant())).update();
    }

    /** Newest first, at most 100; {@code to} null for every number of the workspace. */
    public List<Received> inbox(long workspaceId, String to) {
        return jdbc.sql("""
                select reference, to_address, kind, summary, content, received_at from sandbox_whatsapp
                 where workspace_id = :workspace and (:to = '' or to_address = :to)
                 order by received_at desc, id desc limit 100""")
                .param("workspace", workspaceId).param("to", to == null ? "" : digits(to))
                .query((rs, n) -> new Received("whatsapp", rs.getString(1), "+" + rs.getString(2), rs.getString(3),
                        rs.getString(4), JSON.readValue(rs.getString(5), Map.class), Db.instant(rs, "received_at")))
                .list();
    }

    /**
     * The customer writes from {@code from}, or taps the button {@code buttonId} (then {@code text}
     * is its title); false when the workspace has no sandbox WhatsApp sender running.
     */
    public boolean reply(long workspaceId, String from, String text, String buttonId) {
        AdapterListener listener = listeners.get(workspaceId);
        if (listener == null) {
            return false;
        }
        Content content = buttonId == null ? new Content.Text(text) : new Content.Reply("button_reply", buttonId, text);
        listener.onInbound(new ProviderInbound(digits(from), null, content.summary(),
                "wamid.sandbox.in." + UUID.randomUUID(), clock.instant(), content, null, null));
        return true;
    }

    private static String digits(String number) {
        return number.replaceAll("[^0-9]", "");
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 600_000)
    void purge() {
        jdbc.sql("delete from sandbox_whatsapp where received_at < :cutoff")
                .param("cutoff", Db.ts(clock.instant().minus(SandboxJournal.KEEP))).update();
    }
}
