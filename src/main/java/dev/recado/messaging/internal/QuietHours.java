package dev.recado.messaging.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * When marketing may reach a person: a sending window per weekday in the recipient's local time
 * (none on a closed day) and holidays on which nothing goes. Pure; the acceptor asks it once per
 * time zone and batch.
 */
record QuietHours(Map<DayOfWeek, Window> windows, Set<LocalDate> holidays) {

    /** Minutes after local midnight, {@code from < to <= 1440}. */
    record Window(int from, int to) {

        static Window parse(String spec) {
            String[] parts = spec.strip().split("-");
            return new Window(minutes(parts[0]), minutes(parts[1]));
        }

        /** {@code HH:MM}, with {@code 24:00} for the end of the day; -1 when malformed. */
        static int minutes(String hhmm) {
            if (hhmm == null || !hhmm.matches("\\d{2}:\\d{2}")) {
                return -1;
            }
            int h = Integer.parseInt(hhmm.substring(0, 2));
            int m = Integer.parseInt(hhmm.substring(3));
            return h > 24 || m > 59 || h == 24 && m > 0 ? -1 : h * 60 + m;
        }

        static String format(int minutes) {
            return String.format("%02d:%02d", minutes / 60, minutes % 60);
        }

        boolean allDay() {
            return from == 0 && to == 1440;
        }
    }

    /** Every day the same window, no holidays. */
    static QuietHours everyDay(Window window) {
        Map<DayOfWeek, Window> all = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            all.put(d, window);
        }
        return new QuietHours(all, Set.of());
    }

    boolean alwaysOpen() {
        return holidays.isEmpty() && windows.size() == 7 && windows.values().stream().allMatch(w -> w != null && w.allDay());
    }

    /**
     * {@code at} itself when it falls inside a window, else the start of the next window in
     * {@code zone}; {@code at} when nothing opens within a year and a half (every day closed).
     */
    Instant nextOpening(ZoneId zone, Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        int minute = local.getHour() * 60 + local.getMinute();
        for (int i = 0; i < 550; i++, day = day.plusDays(1)) {
            Window w = windows.get(day.getDayOfWeek());
            if (w == null || holidays.contains(day)) {
                continue;
            }
            if (i == 0 && minute >= w.from() && minute < w.to()) {
                return at;
            }
            if (i > 0 || minute < w.from()) {
                // atZone moves a time inside a DST gap forward, so the opening is never skipped
                return day.atTime(LocalTime.MIN).plusMinutes(w.from()).atZone(zone).toInstant();
            }
        }
        return at;
    }
}
