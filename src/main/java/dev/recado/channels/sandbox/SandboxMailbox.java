package dev.recado.channels.sandbox;

import dev.recado.common.Db;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The sandbox's mail server, in the database: every email a sandbox email sender accepted, per
 * workspace, kept as long as the SMS history ({@link SandboxJournal#KEEP}).
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
public class SandboxMailbox {

    /** One email as the virtual inbox shows it; {@code messageId} is the API's message id. */
    public record Received(String channel, String messageId, String from, String to, String subject, String html,
            String text, String headers, Instant at) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SandboxMailbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void deliver(long workspaceId, String reference, String messageId, String to, String from, String subject,
            String html, String text, String headers) {
        jdbc.sql("""
                insert into sandbox_emails (workspace_id, reference, message_id, to_address, from_address, subject,
                       html, text_body, headers, received_at)
                values (:workspace, :reference, :messageId, :to, :from, :subject, :html, :text, :headers, :at)""")
                .param("workspace", workspaceId).param("reference", reference).param("messageId", messageId)
                .param("to", to.toLowerCase(Locale.ROOT)).param("from", from).param("subject", subject)
                .param("html", html).param("text", text).param("headers", headers)
                .param("at", Db.ts(clock.instant())).update();
    }

    /** Newest first, at most 100; {@code to} null for every address of the workspace. */
    public List<Received> inbox(long workspaceId, String to) {
        return jdbc.sql("""
                select reference, from_address, to_address, subject, html, text_body, headers, received_at
                  from sandbox_emails where workspace_id = :workspace and (:to = '' or to_address = :to)
                 order by received_at desc, id desc limit 100""")
                .param("workspace", workspaceId).param("to", to == null ? "" : to.strip().toLowerCase(Locale.ROOT))
                .query((rs, n) -> new Received("email", rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), Db.instant(rs, "received_at")))
                .list();
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 600_000)
    void purge() {
        jdbc.sql("delete from sandbox_emails where received_at < :cutoff")
                .param("cutoff", Db.ts(clock.instant().minus(SandboxJournal.KEEP))).update();
    }
}
