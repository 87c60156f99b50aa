package dev.recado.messaging.internal;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/** Reading and validating a workspace's quiet hours and frequency cap, as the settings API shows them. */
@Component
class MarketingSettings {

    /** A sending window in local time, {@code HH:MM} to {@code HH:MM} ({@code 24:00} ends the day). */
    record Window(String from, String to) {
    }

    /** Every weekday's window (null: no marketing that day) and the holidays. */
    record QuietHoursSettings(Map<String, Window> windows, List<String> holidays) {
    }

    /** {@code max_messages} per contact within {@code per_days}; both null: no cap. */
    record FrequencyCapSettings(Integer maxMessages, Integer perDays) {
    }

    static final int MAX_HOLIDAYS = 366;
    static final int MAX_CAP = 100;

    private final MarketingRules rules;
    private final Clock clock;

    MarketingSettings(MarketingRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    QuietHoursSettings quietHours(long workspaceId) {
        QuietHours q = rules.rules(workspaceId).quietHours();
        Map<String, Window> windows = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            QuietHours.Window w = q.windows().get(day);
            windows.put(name(day), w == null ? null
                    : new Window(QuietHours.Window.format(w.from()), QuietHours.Window.format(w.to())));
        }
        return new QuietHoursSettings(windows, q.holidays().stream().sorted().map(LocalDate::toString).toList());
    }

    /** Replaces the quiet hours; a weekday left out keeps the default window, a null one is closed. */
    QuietHoursSettings putQuietHours(long workspaceId, QuietHoursSettings body) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Map<String, String>> windows = new LinkedHashMap<>();
        TreeSet<String> days = new TreeSet<>(List.of("monday", "tuesday", "wednesday", "thursday", "friday",
                "saturday", "sunday"));
        if (body != null && body.windows() != null) {
            body.windows().forEach((day, w) -> {
                String field = "windows." + day;
                if (!days.contains(day)) {
                    problems.add(new FieldProblem(field, "must be a weekday: " + String.join(", ", days)));
                } else if (w == null) {
                    windows.put(day, null);
                } else {
                    int from = QuietHours.Window.minutes(w.from());
                    int to = QuietHours.Window.minutes(w.to());
                    if (from < 0 || from >= 1440) {
                        problems.add(new FieldProblem(field + ".from", "must be a local time HH:MM"));
                    } else if (to < 0 || to <= from) {
                        problems.add(new FieldProblem(field + ".to", "must be HH:MM (24:00 for midnight) after from"));
                    } else {
                        windows.put(day, Map.of("from", w.from(), "to", w.to()));
                    }
                }
            });
        }
        if (!windows.isEmpty() && windows.size() == 7 && windows.values().stream().allMatch(w -> w == null)) {
            problems.add(new FieldProblem("windows", "at least one weekday needs a window"));
        }
        TreeSet<String> holidays = new TreeSet<>();
        List<String> given = body == null || body.holidays() == null ? List.of() : body.holidays();
        if (given.size() > MAX_HOLIDAYS) {
            problems.add(new FieldProblem("holidays", "at most " + MAX_HOLIDAYS + " dates"));
        }
        for (int i = 0; i < given.size() && i < MAX_HOLIDAYS; i++) {
            try {
                holidays.add(LocalDate.parse(given.get(i) == null ? "" : given.get(i)).toString());
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("holidays[" + i + "]", "must be a date YYYY-MM-DD"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        rules.saveQuietHours(workspaceId, MessageStore.JSON.writeValueAsString(windows),
                MessageStore.JSON.writeValueAsString(List.copyOf(holidays)), clock.instant());
        return quietHours(workspaceId);
    }

    FrequencyCapSettings frequencyCap(long workspaceId) {
        MarketingRules.Cap cap = rules.rules(workspaceId).cap();
        return cap == null ? new FrequencyCapSettings(null, null) : new FrequencyCapSettings(cap.messages(), cap.days());
    }

    FrequencyCapSettings putFrequencyCap(long workspaceId, FrequencyCapSettings body) {
        Integer max = body == null ? null : body.maxMessages();
        Integer days = body == null ? null : body.perDays();
        List<FieldProblem> problems = new ArrayList<>();
        if (max != null && (max < 1 || max > MAX_CAP)) {
            problems.add(new FieldProblem("max_messages", "must be between 1 and " + MAX_CAP + ", or null for no cap"));
        }
        if (days != null && (days < 1 || days > 365)) {
            problems.add(new FieldProblem("per_days", "must be between 1 and 365"));
        }
        if ((max == null) != (days == null)) {
            problems.add(new FieldProblem(max == null ? "max_messages" : "per_days",
                    "max_messages and per_days go together (both null: no cap)"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        rules.saveCap(workspaceId, max == null ? null : new MarketingRules.Cap(max, days), clock.instant());
        return frequencyCap(workspaceId);
    }

    private static String name(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }
}
