package dev.recado.channels.webchat.internal;

import static dev.recado.messaging.spi.SettingChecks.optional;
import static dev.recado.messaging.spi.SettingChecks.unknown;

import dev.recado.common.FieldProblem;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A web chat widget, the settings of its sender account. {@code allowed_origins} (required) are the
 * sites that may open the chat ({@code https://shop.example}, a list or one string separated by spaces
 * or commas); the browser's Origin of the WebSocket handshake must be one of them. {@code title},
 * {@code greeting}, {@code offline_text} are plain text (the widget never reads them as HTML),
 * {@code color} a {@code #rrggbb}; {@code prechat_form} asks name and email or phone first;
 * {@code offline} is {@code auto} (outside {@code business_hours} in {@code timezone}), {@code no_agents}
 * (also while no one of the workspace was active in the console lately), {@code always} or {@code never};
 * {@code reply_time} (plain text) says when an answer comes, shown while offline;
 * {@code rate_per_minute} caps one visitor's messages.
 */
public record WidgetSettings(Set<String> allowedOrigins, String title, String greeting, String color,
        boolean prechatForm, String offline, BusinessHours hours, String offlineText, String replyTime,
        int ratePerMinute) {

    public static final Set<String> NAMES = Set.of("allowed_origins", "title", "greeting", "color", "prechat_form",
            "offline", "business_hours", "timezone", "offline_text", "reply_time", "rate_per_minute");
    private static final String ORIGIN = "https?://[a-z0-9.-]{1,253}(:[0-9]{1,5})?";

    public static List<FieldProblem> validate(Map<String, Object> settings) {
        List<FieldProblem> problems = new ArrayList<>();
        unknown(settings, NAMES, "webchat", problems);
        Object origins = settings.get("allowed_origins");
        if (origins == null) {
            problems.add(new FieldProblem("allowed_origins", "is required: the sites that may open the chat"));
        } else if (origins(origins) == null) {
            problems.add(new FieldProblem("allowed_origins", "must be origins like https://shop.example (scheme, host, optional port)"));
        }
        optional(settings, "title", "[^<>]{1,80}", "must be 1 to 80 characters", problems);
        optional(settings, "greeting", "(?s).{1,500}", "must be 1 to 500 characters", problems);
        optional(settings, "offline_text", "(?s).{1,500}", "must be 1 to 500 characters", problems);
        optional(settings, "reply_time", "(?s).{1,200}", "must be 1 to 200 characters", problems);
        optional(settings, "color", "#[0-9a-fA-F]{6}", "must be a colour as #rrggbb", problems);
        optional(settings, "offline", "auto|no_agents|always|never", "must be auto, no_agents, always or never", problems);
        if (settings.containsKey("prechat_form") && !(settings.get("prechat_form") instanceof Boolean)) {
            problems.add(new FieldProblem("prechat_form", "must be true or false"));
        }
        Object rate = settings.get("rate_per_minute");
        if (rate != null && !(rate instanceof Integer n && n >= 1 && n <= 600)) {
            problems.add(new FieldProblem("rate_per_minute", "must be a whole number from 1 to 600"));
        }
        Object zone = settings.get("timezone");
        if (zone != null && (!(zone instanceof String z) || zoneOf(z) == null)) {
            problems.add(new FieldProblem("timezone", "must be an IANA time zone such as Europe/Madrid"));
        }
        Object hours = settings.get("business_hours");
        if (hours != null && (!(hours instanceof String h) || BusinessHours.parse(h, ZoneId.of("UTC")) == null)) {
            problems.add(new FieldProblem("business_hours", "must be like 'mon-fri 09:00-18:00'"));
        }
        return problems;
    }

    public static WidgetSettings from(Map<String, Object> settings) {
        ZoneId zone = settings.get("timezone") instanceof String z && zoneOf(z) != null ? zoneOf(z) : ZoneId.of("UTC");
        Set<String> origins = origins(settings.get("allowed_origins"));
        return new WidgetSettings(origins == null ? Set.of() : origins, text(settings, "title", "Chat"),
                text(settings, "greeting", null), text(settings, "color", "#1f6feb"),
                Boolean.TRUE.equals(settings.get("prechat_form")), text(settings, "offline", "auto"),
                settings.get("business_hours") instanceof String h ? BusinessHours.parse(h, zone) : null,
                text(settings, "offline_text", "We are away. Leave a message and we will answer you."),
                text(settings, "reply_time", null), settings.get("rate_per_minute") instanceof Integer n ? n : 20);
    }

    public boolean allows(String origin) {
        return origin != null && allowedOrigins.contains(normalize(origin));
    }

    /** Whether the widget is online at {@code now}; {@code agentsPresent} is asked only when it decides. */
    public boolean online(java.time.Instant now, java.util.function.BooleanSupplier agentsPresent) {
        return switch (offline) {
            case "always" -> false;
            case "never" -> true;
            case "no_agents" -> (hours == null || hours.open(now)) && agentsPresent.getAsBoolean();
            default -> hours == null || hours.open(now);
        };
    }

    /** What the widget shows, sent in its welcome frame. */
    public Map<String, Object> forWidget(boolean online) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("title", title);
        shown.put("greeting", greeting);
        shown.put("color", color);
        shown.put("prechat_form", prechatForm || !online);
        shown.put("online", online);
        shown.put("offline_text", offlineText);
        shown.put("reply_time", replyTime);
        return shown;
    }

    private static Set<String> origins(Object value) {
        List<String> given = value instanceof String s ? Arrays.asList(s.split("[\\s,]+"))
                : value instanceof List<?> l && l.stream().allMatch(String.class::isInstance)
                        ? l.stream().map(String.class::cast).toList() : null;
        if (given == null) {
            return null;
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : given) {
            if (origin.isBlank()) {
                continue;
            }
            String normal = normalize(origin);
            if (!normal.matches(ORIGIN)) {
                return null;
            }
            origins.add(normal);
        }
        return origins.isEmpty() ? null : origins;
    }

    private static String normalize(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    private static ZoneId zoneOf(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String text(Map<String, Object> settings, String key, String fallback) {
        return settings.get(key) instanceof String s && !s.isBlank() ? s.strip() : fallback;
    }
}
