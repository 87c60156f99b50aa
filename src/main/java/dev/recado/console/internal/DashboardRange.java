package dev.recado.console.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

/**
 * The days a dashboard covers, both ends included, in the workspace's time zone. A missing or
 * unreadable end falls back to the last 30 days; a range is at most a year and never reversed.
 */
record DashboardRange(LocalDate from, LocalDate to, ZoneId zone) {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    static DashboardRange of(String from, String to, ZoneId zone, LocalDate today) {
        LocalDate end = parse(to, today);
        LocalDate start = parse(from, end.minusDays(DEFAULT_DAYS - 1));
        if (start.isAfter(end)) {
            start = end;
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            start = end.minusDays(MAX_DAYS - 1);
        }
        return new DashboardRange(start, end, zone);
    }

    static DashboardRange lastDays(int days, ZoneId zone, LocalDate today) {
        return new DashboardRange(today.minusDays(days - 1), today, zone);
    }

    Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the range. */
    Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    List<LocalDate> days() {
        return Stream.iterate(from, d -> !d.isAfter(to), d -> d.plusDays(1)).toList();
    }

    /** Which day of the range an instant falls on, or -1 outside it. */
    int indexOf(Instant at) {
        long i = ChronoUnit.DAYS.between(from, at.atZone(zone).toLocalDate());
        return i < 0 || from.plusDays(i).isAfter(to) ? -1 : (int) i;
    }

    private static LocalDate parse(String value, LocalDate fallback) {
        try {
            return value == null || value.isBlank() ? fallback : LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            return fallback;
        }
    }
}
