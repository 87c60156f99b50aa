package dev.recado.messaging.spi;

import dev.recado.common.FieldProblem;
import dev.recado.common.OutboundTargets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The checks a provider's settings share: names it does not know, text that must match a pattern, hosts, base URLs. */
public final class SettingChecks {

    private static final String HOST = "[A-Za-z0-9]([A-Za-z0-9.-]{0,253}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}]";

    private SettingChecks() {
    }

    public static void unknown(Map<String, Object> settings, Set<String> names, String provider, List<FieldProblem> problems) {
        new TreeSet<>(settings.keySet()).stream().filter(k -> !names.contains(k))
                .forEach(k -> problems.add(new FieldProblem(k, "is not a setting of provider " + provider)));
    }

    /** A setting that may be absent but, when given, is text matching {@code pattern} (once stripped). */
    public static void optional(Map<String, Object> settings, String field, String pattern, String message,
            List<FieldProblem> problems) {
        Object value = settings.get(field);
        if (value != null && !(value instanceof String s && s.strip().matches(pattern))) {
            problems.add(new FieldProblem(field, message));
        }
    }

    public static void required(Map<String, Object> settings, String field, String pattern, String message,
            List<FieldProblem> problems) {
        if (settings.get(field) == null) {
            problems.add(new FieldProblem(field, "is required"));
        } else {
            optional(settings, field, pattern, message, problems);
        }
    }

    /**
     * An optional http(s) base URL without query. One naming a user or password is refused rather than
     * masked: the base URL is written into log lines, connection tests and message errors, and no
     * provider takes credentials there (a proxy wanting them takes a header).
     */
    public static void baseUrl(Map<String, Object> settings, String field, List<FieldProblem> problems) {
        if (settings.get(field) instanceof String s && OutboundTargets.carriesUserInfo(s.strip())) {
            problems.add(new FieldProblem(field, "must not carry a user name or password"));
            return;
        }
        optional(settings, field, "https?://[^\\s/?#]{1,255}(/[^\\s?#]{0,200})?", "must be an http(s) URL without query", problems);
    }

    /**
     * A host a channel connects to by name or address: a DNS name, IPv4, or IPv6 in brackets. A
     * {@code user:pass@} or a scheme is refused: host settings are written into logs and connection
     * tests, and the credentials have their own (encrypted) settings.
     */
    public static boolean isHost(String host) {
        return host.matches(HOST);
    }

    public static String string(Map<String, Object> settings, String field, String fallback) {
        return settings.get(field) instanceof String s ? s.strip() : fallback;
    }
}
