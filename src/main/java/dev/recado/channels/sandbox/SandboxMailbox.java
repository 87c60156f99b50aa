package dev.recado.channels.sandbox;

import dev.recado.channels.email.internal.InboundReader;
import dev.recado.common.Db;
import dev.recado.messaging.spi.AdapterListener;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The sandbox's mail server, in the database: every email a sandbox email sender accepted, per
 * workspace, kept as long as the SMS history ({@link SandboxJournal#KEEP}); and the customer's
 * replies, written as a mail client writes them and read by the email channel's own reader, so they
 * reach Recado threaded by In-Reply-To exactly as a reply fetched over IMAP does.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
public class SandboxMailbox {

    /** One email as the virtual inbox shows it; {@code messageId} is the API's message id. */
    public record Received(String channel, String messageId, String from, String to, String subject, String html,
            String text, String headers, Instant at) {
    }

    /** What the virtual phone and the sandbox API take for a customer's address. */
    public static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"]{1,64}@[^@\\s<>,;\"]{1,255}\\.[^@\\s<>,;\"]+");

    private static final Session SESSION = Session.getInstance(new Properties());

    private final JdbcClient jdbc;
    private final Clock clock;
    /** Every node opens every sender, so each node holds the listener of each workspace's twin. */
    private final Map<Long, AdapterListener> listeners = new ConcurrentHashMap<>();

    SandboxMailbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void opened(long workspaceId, AdapterListener listener) {
        listeners.put(workspaceId, listener);
    }

    void closed(long workspaceId, AdapterListener listener) {
        listeners.remove(workspaceId, listener);
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
                .query(SandboxMailbox::row)
                .list();
    }

    /** The email {@code reference} (its API message id) as {@code to} received it. */
    public Optional<Received> find(long workspaceId, String to, String reference) {
        return jdbc.sql("""
                select reference, from_address, to_address, subject, html, text_body, headers, received_at
                  from sandbox_emails where workspace_id = :workspace and to_address = :to and reference = :reference""")
                .param("workspace", workspaceId).param("to", to.strip().toLowerCase(Locale.ROOT)).param("reference", reference)
                .query(SandboxMailbox::row)
                .optional();
    }

    /**
     * {@code from} answers the email {@code reference} it received with {@code text}: "Re: " its
     * subject, In-Reply-To and References its Message-ID. False when that email is not in
     * {@code from}'s inbox or the workspace has no sandbox email sender running.
     */
    public boolean reply(long workspaceId, String from, String reference, String text) {
        AdapterListener listener = listeners.get(workspaceId);
        var original = jdbc.sql("""
                select message_id, from_address, subject from sandbox_emails
                 where workspace_id = :workspace and to_address = :to and reference = :reference""")
                .param("workspace", workspaceId).param("to", from.strip().toLowerCase(Locale.ROOT))
                .param("reference", reference)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
        if (listener == null || original.isEmpty()) {
            return false;
        }
        String messageId = original.get().get(0);
        String subject = original.get().get(2);
        try {
            MimeMessage mail = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    // a customer's mail client names its mail after its own domain, not this host
                    setHeader("Message-ID", "<" + UUID.randomUUID() + "@customer.sandbox.recado.dev>");
                }
            };
            mail.setFrom(new InternetAddress(from.strip(), true));
            mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(original.get().get(1)));
            mail.setSubject(subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject, "UTF-8");
            mail.setHeader("In-Reply-To", messageId);
            mail.setHeader("References", messageId);
            mail.setSentDate(Date.from(clock.instant()));
            mail.setText(text, "UTF-8");
            mail.saveChanges();
            listener.onInbound(InboundReader.read(mail, SandboxEmailFactory.FROM, clock.instant()));
            return true;
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not an email address: " + from, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Received row(ResultSet rs, int n) throws SQLException {
        return new Received("email", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), Db.instant(rs, "received_at"));
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 600_000)
    void purge() {
        jdbc.sql("delete from sandbox_emails where received_at < :cutoff")
                .param("cutoff", Db.ts(clock.instant().minus(SandboxJournal.KEEP))).update();
    }
}
