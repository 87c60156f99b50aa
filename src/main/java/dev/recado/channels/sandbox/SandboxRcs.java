package dev.recado.channels.sandbox;

import dev.recado.common.Db;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ProviderInbound;
import java.time.Clock;
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
 * The sandbox's RCS handset: cards, carousels and texts a {@code sandbox_rcs} sender delivered (in
 * the database), and the customer's answers — text, or a tapped suggestion whose postback data comes
 * back as an inbound reply, as RBM's {@code suggestionResponse} does.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
public class SandboxRcs {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;
    /** Every node opens every sender, so each node holds the listener of each workspace's twin. */
    private final Map<Long, AdapterListener> listeners = new ConcurrentHashMap<>();

    SandboxRcs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void opened(long workspaceId, AdapterListener listener) {
        listeners.put(workspaceId, listener);
    }

    void closed(long workspaceId, AdapterListener listener) {
        listeners.remove(workspaceId, listener);
    }

    void deliver(long workspaceId, String reference, String rbmId, String to, Content content) {
        jdbc.sql("""
                insert into sandbox_rcs (workspace_id, reference, rbm_id, to_address, kind, summary, content, received_at)
                values (:workspace, :reference, :id, :to, :kind, :summary, :content, :at)""")
                .param("workspace", workspaceId).param("reference", reference).param("id", rbmId)
                .param("to", digits(to)).param("kind", content.kind()).param("summary", content.summary())
                .param("content", JSON.writeValueAsString(content)).param("at", Db.ts(clock.instant())).update();
    }

    /** Newest first, at most 100; {@code to} null for every number of the workspace. */
    public List<SandboxWhatsApp.Received> inbox(long workspaceId, String to) {
        return jdbc.sql("""
                select reference, to_address, kind, summary, content, received_at from sandbox_rcs
                 where workspace_id = :workspace and (:to = '' or to_address = :to)
                 order by received_at desc, id desc limit 100""")
                .param("workspace", workspaceId).param("to", to == null ? "" : digits(to))
                .query((rs, n) -> new SandboxWhatsApp.Received("rcs", rs.getString(1), "+" + rs.getString(2), rs.getString(3),
                        rs.getString(4), JSON.readValue(rs.getString(5), Map.class), Db.instant(rs, "received_at")))
                .list();
    }

    /**
     * The customer writes {@code text} from {@code from}, or taps the suggestion whose postback data is
     * {@code postbackData} ({@code text} is the chip's text); false with no sandbox RCS sender running.
     */
    public boolean reply(long workspaceId, String from, String text, String postbackData) {
        AdapterListener listener = listeners.get(workspaceId);
        if (listener == null) {
            return false;
        }
        Content content = postbackData == null ? new Content.Text(text) : new Content.Reply("suggestion", postbackData, text);
        listener.onInbound(new ProviderInbound(digits(from), null, content.summary(), "rbm.sandbox.in." + UUID.randomUUID(),
                clock.instant(), content, null, null));
        return true;
    }

    private static String digits(String number) {
        return number.replaceAll("[^0-9]", "");
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 600_000)
    void purge() {
        jdbc.sql("delete from sandbox_rcs where received_at < :cutoff")
                .param("cutoff", Db.ts(clock.instant().minus(SandboxJournal.KEEP))).update();
    }
}
