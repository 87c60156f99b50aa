package dev.recado.channels.email.internal;

import dev.recado.common.FieldProblem;
import dev.recado.common.Redacted;
import dev.recado.messaging.spi.SettingChecks;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The mailbox an SMTP sender reads over IMAP: bounce reports (DSN, RFC 3464) and complaints (ARF,
 * RFC 5965) from {@code bounce_folder}, customers' replies from {@code inbound_folder}. Absent
 * unless {@code imap_host} is given. TLS is implicit (993) unless {@code imap_tls} says otherwise.
 */
public record ImapSettings(String host, int port, String username, String password, EmailSettings.Tls tls,
        String bounceFolder, String inboundFolder) {

    /** Never the secrets: a record's own toString would print them into any log line. */
    @Override
    public String toString() {
        return Redacted.toString(this);
    }

    public static final Set<String> NAMES = Set.of("imap_host", "imap_port", "imap_username", "imap_password",
            "imap_tls", "bounce_folder", "inbound_folder");

    static void validate(Map<String, Object> settings, List<FieldProblem> problems) {
        String host = EmailSettings.text(settings, "imap_host", 255, problems);
        if (host != null && !SettingChecks.isHost(host)) {
            problems.add(new FieldProblem("imap_host", "must be a host name or an IP address"));
        }
        Object port = settings.get("imap_port");
        if (port != null && !(port instanceof Integer p && p >= 1 && p <= 65_535)) {
            problems.add(new FieldProblem("imap_port", "must be a whole number between 1 and 65535"));
        }
        String user = EmailSettings.text(settings, "imap_username", 255, problems);
        String password = EmailSettings.text(settings, "imap_password", 1_024, problems);
        EmailSettings.text(settings, "bounce_folder", 200, problems);
        EmailSettings.text(settings, "inbound_folder", 200, problems);
        Object tls = settings.get("imap_tls");
        if (tls != null && !(tls instanceof String t && Set.of("starttls", "implicit", "none").contains(t))) {
            problems.add(new FieldProblem("imap_tls", "must be one of [starttls, implicit, none]"));
        }
        if (host == null && NAMES.stream().anyMatch(n -> !n.equals("imap_host") && settings.get(n) != null)) {
            problems.add(new FieldProblem("imap_host", "is required with the other imap settings"));
        }
        if (host != null && (user == null || password == null)) {
            problems.add(new FieldProblem(user == null ? "imap_username" : "imap_password", "is required with imap_host"));
        }
    }

    /** Null when the sender reads no mailbox. */
    static ImapSettings from(Map<String, Object> settings) {
        if (!(settings.get("imap_host") instanceof String host)) {
            return null;
        }
        var tls = EmailSettings.Tls.valueOf(
                (settings.get("imap_tls") instanceof String t ? t : "implicit").toUpperCase(Locale.ROOT));
        int port = settings.get("imap_port") instanceof Integer p ? p : switch (tls) {
            case IMPLICIT -> 993;
            case STARTTLS, NONE -> 143;
        };
        return new ImapSettings(host.strip(), port, ((String) settings.get("imap_username")).strip(),
                (String) settings.get("imap_password"), tls,
                settings.get("bounce_folder") instanceof String b ? b.strip() : "INBOX",
                settings.get("inbound_folder") instanceof String i ? i.strip() : null);
    }

    /** The folders to read, each once (one folder may hold both reports and replies). */
    List<String> folders() {
        return inboundFolder == null || inboundFolder.equals(bounceFolder) ? List.of(bounceFolder)
                : List.of(bounceFolder, inboundFolder);
    }

    boolean takesReplies(String folder) {
        return folder.equals(inboundFolder);
    }
}
