package dev.recado.channels.email.internal;

import dev.recado.common.FieldProblem;
import dev.recado.common.Redacted;
import dev.recado.messaging.spi.SettingChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One SMTP sender account's settings. {@link #validate} names every bad field before the sender is
 * saved, so {@link #from} never meets a value it cannot use. The port follows the TLS mode unless
 * given: 587 for STARTTLS, 465 for implicit TLS, 25 without TLS.
 */
public record EmailSettings(String host, int port, String username, String password, String fromAddress,
        String fromName, String replyTo, Tls tls, String unsubscribeAddress, ImapSettings imap, DkimSettings dkim) {

    /** Never the secrets: a record's own toString would print them into any log line. */
    @Override
    public String toString() {
        return Redacted.toString(this);
    }

    /** How the connection is protected: upgraded after EHLO (required, never optional), TLS from the start, or not. */
    public enum Tls {
        STARTTLS, IMPLICIT, NONE;

        int defaultPort() {
            return switch (this) {
                case STARTTLS -> 587;
                case IMPLICIT -> 465;
                case NONE -> 25;
            };
        }
    }

    public static final Set<String> NAMES = java.util.stream.Stream.concat(Stream.of("smtp_host", "smtp_port",
            "username", "password", "from_address", "from_name", "reply_to", "tls", "unsubscribe_address"),
            Stream.concat(ImapSettings.NAMES.stream(), DkimSettings.NAMES.stream())).collect(java.util.stream.Collectors.toUnmodifiableSet());

    // the address part only: display names come from from_name, never from the address setting
    private static final String ADDRESS = "[^@\\s<>\"(),;:\\\\\\[\\]]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+";

    public static List<FieldProblem> validate(Map<String, Object> settings) {
        List<FieldProblem> problems = new ArrayList<>();
        new TreeSet<>(settings.keySet()).stream().filter(k -> !NAMES.contains(k))
                .forEach(k -> problems.add(new FieldProblem(k, "is not a setting of provider smtp")));
        String host = text(settings, "smtp_host", 255, problems);
        if (host == null) {
            problems.add(new FieldProblem("smtp_host", "is required"));
        } else if (!SettingChecks.isHost(host)) {
            problems.add(new FieldProblem("smtp_host", "must be a host name or an IP address"));
        }
        Object port = settings.get("smtp_port");
        if (port != null && !(port instanceof Integer p && p >= 1 && p <= 65_535)) {
            problems.add(new FieldProblem("smtp_port", "must be a whole number between 1 and 65535"));
        }
        String username = text(settings, "username", 255, problems);
        if (text(settings, "password", 1_024, problems) != null && username == null) {
            problems.add(new FieldProblem("username", "is required when a password is given"));
        }
        String from = text(settings, "from_address", 254, problems);
        if (from == null) {
            problems.add(new FieldProblem("from_address", "is required"));
        } else if (!from.matches(ADDRESS)) {
            problems.add(new FieldProblem("from_address", "must be an email address such as news@example.com"));
        }
        text(settings, "from_name", 200, problems);
        for (String field : List.of("reply_to", "unsubscribe_address")) {
            String address = text(settings, field, 254, problems);
            if (address != null && !address.matches(ADDRESS)) {
                problems.add(new FieldProblem(field, "must be an email address"));
            }
        }
        Object tls = settings.get("tls");
        if (tls != null && !(tls instanceof String t && Set.of("starttls", "implicit", "none").contains(t))) {
            problems.add(new FieldProblem("tls", "must be one of [starttls, implicit, none]"));
        }
        ImapSettings.validate(settings, problems);
        DkimSettings.validate(settings, problems);
        return problems;
    }

    /** Reads settings that passed {@link #validate}; throws when they did not. */
    public static EmailSettings from(Map<String, Object> settings) {
        List<FieldProblem> problems = validate(settings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid SMTP settings: " + problems);
        }
        Tls tls = Tls.valueOf(string(settings, "tls", "starttls").toUpperCase(Locale.ROOT));
        int port = settings.get("smtp_port") instanceof Integer p ? p : tls.defaultPort();
        return new EmailSettings(string(settings, "smtp_host", null), port, string(settings, "username", null),
                string(settings, "password", null), string(settings, "from_address", null),
                string(settings, "from_name", null), string(settings, "reply_to", null), tls,
                string(settings, "unsubscribe_address", null), ImapSettings.from(settings),
                DkimSettings.from(settings));
    }

    /** A string setting; header-bound values must not carry line breaks (header injection). */
    static String text(Map<String, Object> settings, String field, int max, List<FieldProblem> problems) {
        Object value = settings.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank() || s.length() > max || s.chars().anyMatch(c -> c < 0x20)) {
            problems.add(new FieldProblem(field, "must be text of 1 to " + max + " characters without line breaks"));
            return null;
        }
        return s.strip();
    }

    private static String string(Map<String, Object> settings, String field, String fallback) {
        return settings.get(field) instanceof String s ? s.strip() : fallback;
    }
}
