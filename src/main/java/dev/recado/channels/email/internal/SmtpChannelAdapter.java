package dev.recado.channels.email.internal;

import dev.recado.channels.email.internal.EmailSettings.Tls;
import dev.recado.common.OutboundTargets;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.SubmitOutcome;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP account. SMTP has no session worth binding, so "connected" means the server last let us
 * in (a connection, EHLO, TLS and login, checked at open and retried with backoff until it works);
 * messages then go out over pooled connections, at most the dispatcher's window at once. A message
 * the server accepted (250 after DATA) is sent; SMTP has no delivery receipt.
 */
public final class SmtpChannelAdapter implements ChannelAdapter {

    private static final Logger log = LoggerFactory.getLogger(SmtpChannelAdapter.class);
    private static final Duration MAX_PROBE_DELAY = Duration.ofMinutes(1);

    private final SenderConfig config;
    private final EmailSettings settings;
    private final AdapterListener listener;
    private final OutboundTargets targets;
    private final Clock clock;
    private final Session session;
    private final ConcurrentLinkedQueue<Transport> idle = new ConcurrentLinkedQueue<>();
    private final ExecutorService senders;
    private final MailboxPoller mailbox;
    private volatile SenderState state = SenderState.CONNECTING;
    private volatile boolean closed;

    private SmtpChannelAdapter(SenderConfig config, EmailSettings settings, AdapterListener listener,
            OutboundTargets targets, Clock clock, MailboxCursors cursors, Duration mailboxPoll) {
        this.config = config;
        this.settings = settings;
        this.listener = listener;
        this.targets = targets;
        this.clock = clock;
        this.session = Session.getInstance(properties(settings));
        this.senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("smtp-" + config.senderId() + "-", 0).factory());
        this.mailbox = settings.imap() == null ? null
                : new MailboxPoller(config, settings.imap(), listener, cursors, targets, clock, mailboxPoll);
    }

    /**
     * Returns at once; the first login is tried in the background and reported through the listener.
     * With IMAP settings the sender's mailbox is read every {@code mailboxPoll} (by one node at a time).
     */
    public static SmtpChannelAdapter open(SenderConfig config, EmailSettings settings, AdapterListener listener,
            OutboundTargets targets, Clock clock, MailboxCursors cursors, Duration mailboxPoll) {
        SmtpChannelAdapter adapter = new SmtpChannelAdapter(config, settings, listener, targets, clock, cursors,
                mailboxPoll);
        Thread.ofVirtual().name("smtp-probe-" + config.senderId()).start(adapter::probeUntilConnected);
        if (adapter.mailbox != null) {
            adapter.mailbox.start();
        }
        return adapter;
    }

    @Override
    public CompletableFuture<SubmitOutcome> submit(OutboundMessage message) {
        return CompletableFuture.supplyAsync(() -> send(message), senders);
    }

    private SubmitOutcome send(OutboundMessage message) {
        Transport transport = null;
        try {
            var email = (dev.recado.messaging.Content.Email) message.content();
            var files = email.attachments() == null || email.attachments().isEmpty() ? List.<Attachments.Fetched>of()
                    : Attachments.fetch(targets, config.workspaceId(), email.attachments());
            var mime = MimeComposer.compose(session, settings, message, files, clock.instant());
            var wire = settings.dkim() == null ? mime : settings.dkim().sign(session, mime);
            transport = take();
            transport.sendMessage(wire, mime.getAllRecipients());
            idle.add(transport);
            log.debug("Sender {}: {} accepted as {}", config.senderId(), message.reference(), mime.messageId());
            return new SubmitOutcome.Accepted(List.of(mime.messageId()));
        } catch (Attachments.Unavailable unavailable) {
            log.debug("Sender {}: {} not sent: {}", config.senderId(), message.reference(), unavailable.outcome);
            return unavailable.outcome;
        } catch (AddressException bad) {
            // acceptance checked the address; one Jakarta Mail still cannot parse will never send
            return new SubmitOutcome.Permanent("invalid_destination", bad.getMessage());
        } catch (OutboundTargets.RefusedTarget refused) {
            return new SubmitOutcome.Permanent(OutboundTargets.CODE, refused.getMessage());
        } catch (Exception e) {
            // after a refusal the server may expect RSET; a new connection is simpler and always right
            closeQuietly(transport);
            SubmitOutcome outcome = SmtpFailures.outcome(e);
            log.debug("Sender {}: {} not accepted: {}", config.senderId(), message.reference(), outcome);
            return outcome;
        }
    }

    /** An idle pooled connection that is still open, or a new one. */
    private Transport take() throws Exception {
        for (Transport t = idle.poll(); t != null; t = idle.poll()) {
            if (t.isConnected()) {
                return t;
            }
        }
        return connect();
    }

    /**
     * Connects after checking every address the host resolves to. Without TLS the connection goes
     * to the very address checked; with TLS the certificate must match the host name, which a name
     * re-pointed at an internal address cannot present.
     */
    private Transport connect() throws Exception {
        var address = targets.resolveChecked(settings.host(), targets.allowsPrivate(config.workspaceId()));
        String host = settings.tls() == Tls.NONE ? address.getHostAddress() : settings.host();
        Transport transport = session.getTransport("smtp");
        transport.connect(host, settings.port(), settings.username(), settings.password());
        return transport;
    }

    private void probeUntilConnected() {
        Duration delay = Duration.ofSeconds(1);
        while (!closed) {
            try {
                idle.add(connect());
                setState(SenderState.CONNECTED);
                return;
            } catch (Exception e) {
                SubmitOutcome why = e instanceof OutboundTargets.RefusedTarget
                        ? new SubmitOutcome.Permanent(OutboundTargets.CODE, e.getMessage()) : SmtpFailures.outcome(e);
                log.warn("Sender {}: cannot log in to {}:{} ({}); trying again in {} s", config.senderId(),
                        settings.host(), settings.port(), why, delay.toSeconds());
                setState(SenderState.RECONNECTING);
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_PROBE_DELAY) > 0 ? MAX_PROBE_DELAY : delay.multipliedBy(2);
        }
    }

    private void setState(SenderState next) {
        if (state != next && !closed) {
            state = next;
            listener.onStateChange(next);
        }
    }

    @Override
    public SenderState state() {
        return closed ? SenderState.DISCONNECTED : state;
    }

    @Override
    public void close() {
        closed = true;
        senders.shutdown();
        if (mailbox != null) {
            mailbox.close();
        }
        for (Transport t = idle.poll(); t != null; t = idle.poll()) {
            closeQuietly(t);
        }
    }

    private static void closeQuietly(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is being dropped anyway
            }
        }
    }

    private static Properties properties(EmailSettings settings) {
        Properties p = new Properties();
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        p.put("mail.smtp.writetimeout", "30000");
        p.put("mail.smtp.auth", String.valueOf(settings.username() != null));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        switch (settings.tls()) {
            case STARTTLS -> {
                // required: a server that does not offer STARTTLS must not get the password in clear
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case IMPLICIT -> p.put("mail.smtp.ssl.enable", "true");
            case NONE -> {
            }
        }
        return p;
    }
}
