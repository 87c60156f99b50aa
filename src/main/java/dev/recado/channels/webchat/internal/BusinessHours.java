package dev.recado.channels.webchat.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When a widget is staffed: {@code mon-fri 09:00-18:00} (days optional, a range or a list such as
 * {@code mon,wed,fri}) in the widget's time zone. Outside them the widget offers "leave a message".
 */
public record BusinessHours(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {

    private static final List<String> NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** Null when the text is not business hours. */
    public static BusinessHours parse(String text, ZoneId zone) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (parts.length > 2 || parts[0].isEmpty()) {
            return null;
        }
        Set<DayOfWeek> days = parts.length == 2 ? days(parts[0]) : EnumSet.allOf(DayOfWeek.class);
        String[] times = parts[parts.length - 1].split("-");
        if (days == null || times.length != 2) {
            return null;
        }
        try {
            LocalTime from = LocalTime.parse(times[0]);
            LocalTime to = times[1].equals("24:00") ? LocalTime.MAX : LocalTime.parse(times[1]);
            return from.isBefore(to) ? new BusinessHours(days, from, to, zone) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public boolean open(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
    }

    private static Set<DayOfWeek> days(String spec) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : spec.split(",")) {
            String[] range = item.split("-");
            int first = NAMES.indexOf(range[0]);
            int last = range.length == 2 ? NAMES.indexOf(range[1]) : first;
            if (range.length > 2 || first < 0 || last < first) {
                return null;
            }
            for (int d = first; d <= last; d++) {
                days.add(DayOfWeek.of(d + 1));
            }
        }
        return days;
    }
}
