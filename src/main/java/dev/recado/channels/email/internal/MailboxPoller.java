package dev.recado.channels.email.internal;

import dev.recado.common.LogSafe;
import dev.recado.common.OutboundTargets;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.DestinationReport;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.SenderConfig;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a sender's IMAP folders every {@code every}: reports (bounces, complaints) from the bounce
 * folder, customers' replies from the inbound folder. A folder is read only by the node holding its
 * lease, from the UID after the last one handled; the position moves on only after what a mail
 * said is durable, so a crash reads that mail again (receipts and inbound are idempotent, and so
 * is a report about a message). Mails are left in the mailbox: it is the sender's, not ours.
 */
final class MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);
    /** Mails handled per folder and poll, so one huge backlog does not hold the lease for long. */
    private static final int MAX_PER_POLL = 200;
    private static final int MAX_MAIL_BYTES = 25 * 1024 * 1024;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final SenderConfig config;
    private final ImapSettings imap;
    private final AdapterListener listener;
    private final MailboxCursors cursors;
    private final OutboundTargets targets;
    private final Clock clock;
    private final Duration every;
    private final Session session;
    private final Thread thread;
    private volatile boolean closed;

    MailboxPoller(SenderConfig config, ImapSettings imap, AdapterListener listener, MailboxCursors cursors,
            OutboundTargets targets, Clock clock, Duration every) {
        this.config = config;
        this.imap = imap;
        this.listener = listener;
        this.cursors = cursors;
        this.targets = targets;
        this.clock = clock;
        this.every = every;
        this.session = Session.getInstance(properties(imap));
        this.thread = Thread.ofVirtual().name("imap-" + config.senderId()).unstarted(this::run);
    }

    MailboxPoller start() {
        thread.start();
        return this;
    }

    private void run() {
        Duration wait = every;
        // the first poll waits one period: a connection test opens the adapter for a moment only
        while (pause(wait)) {
            boolean failed = false;
            for (String folder : imap.folders()) {
                try {
                    if (cursors.lease(config.senderId(), folder)) {
                        poll(folder);
                    }
                } catch (Exception e) {
                    failed = true;
                    log.warn("Sender {}: reading IMAP folder {} on {} failed (next try in {} s): {}", config.senderId(),
                            folder, imap.host(), wait.multipliedBy(2).toSeconds(), LogSafe.of(e.toString()));
                }
            }
            // a mailbox that keeps failing is asked less and less often, up to every MAX_BACKOFF
            wait = !failed ? every : wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
        }
    }

    private boolean pause(Duration wait) {
        try {
            Thread.sleep(wait);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void poll(String name) throws Exception {
        try (Store store = connect(); Folder folder = store.getFolder(name)) {
            folder.open(Folder.READ_ONLY);
            UIDFolder uids = (UIDFolder) folder;
            long validity = uids.getUIDValidity();
            var position = cursors.position(config.senderId(), name);
            long from = position.uidValidity() == validity ? position.lastUid() + 1 : 1;
            int handled = 0;
            for (Message mail : uids.getMessagesByUID(from, UIDFolder.LASTUID)) {
                long uid = uids.getUID(mail);
                // "n:*" always answers the last mail, even when its UID is below n
                if (uid < from || closed) {
                    continue;
                }
                handle(mail, imap.takesReplies(name));
                if (!cursors.advance(config.senderId(), name, validity, uid) || ++handled == MAX_PER_POLL) {
                    return;
                }
            }
        }
    }

    /** Throws only when what the mail said could not be recorded: the position stays and it is read again. */
    private void handle(Message mail, boolean takesReplies) throws Exception {
        List<DestinationReport> reports;
        ProviderInbound reply = null;
        try {
            if (mail.getSize() > MAX_MAIL_BYTES) {
                throw new MessagingException("larger than " + MAX_MAIL_BYTES + " bytes");
            }
            // parsed here from the raw bytes: servers describe report parts (message/delivery-status,
            // message/feedback-report) unevenly in their BODYSTRUCTURE
            MimeMessage local = new MimeMessage((MimeMessage) mail);
            reports = ReportReader.read(local, clock.instant()).orElse(null);
            if (reports == null && takesReplies) {
                reply = InboundReader.read(local, imap.username(), clock.instant());
            }
        } catch (Exception unreadable) {
            // a mail we cannot parse never will be: skipped, or it would block the folder for good
            log.warn("Sender {}: skipped an unreadable mail in {}: {}", config.senderId(), imap.host(),
                    unreadable.toString());
            return;
        }
        if (reports != null) {
            for (DestinationReport report : reports) {
                if (report.kind() == DestinationReport.Kind.HARD_BOUNCE && report.providerId() != null) {
                    listener.onReceipt(new ProviderReceipt(report.providerId(), ProviderReceipt.ReceiptState.UNDELIVERED,
                            report.code(), report.detail(), report.at())).get(30, TimeUnit.SECONDS);
                }
                listener.onDestinationReport(report);
            }
        } else if (reply != null) {
            listener.onInbound(reply);
        }
    }

    private Store connect() throws Exception {
        var address = targets.resolveChecked(imap.host(), targets.allowsPrivate(config.workspaceId()));
        // without TLS the connection goes to the checked address; with TLS the certificate names the host
        String host = imap.tls() == EmailSettings.Tls.NONE ? address.getHostAddress() : imap.host();
        Store store = session.getStore(imap.tls() == EmailSettings.Tls.IMPLICIT ? "imaps" : "imap");
        store.connect(host, imap.port(), imap.username(), imap.password());
        return store;
    }

    void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        imap.folders().forEach(folder -> {
            try {
                cursors.release(config.senderId(), folder);
            } catch (RuntimeException e) {
                log.debug("Sender {}: lease of {} left to lapse", config.senderId(), folder, e);
            }
        });
    }

    private static Properties properties(ImapSettings imap) {
        Properties p = new Properties();
        for (String protocol : List.of("imap", "imaps")) {
            p.put("mail." + protocol + ".connectiontimeout", "10000");
            p.put("mail." + protocol + ".timeout", "30000");
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        if (imap.tls() == EmailSettings.Tls.STARTTLS) {
            p.put("mail.imap.starttls.enable", "true");
            p.put("mail.imap.starttls.required", "true");
        }
        return p;
    }
}
