package dev.recado.campaigns.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * A campaign that runs again and again: every {@code everyDays} days or on chosen weekdays, at a
 * local time of {@code zone}, until a local date (inclusive) and/or for {@code count} occurrences.
 * Pure: the store keeps the current occurrence's time in {@code start_at} and asks for the next.
 */
record Routine(Integer everyDays, Set<DayOfWeek> weekdays, LocalTime at, ZoneId zone, LocalDate until, Integer count) {

    /** The first occurrence strictly after {@code now}, or null when none is left (until passed). */
    Instant first(Instant now, int occurrence) {
        LocalDate day = now.atZone(zone).toLocalDate();
        for (int i = 0; i < 8; i++, day = day.plusDays(1)) {
            Instant at = time(day);
            if (at.isAfter(now) && (weekdays == null || weekdays.contains(day.getDayOfWeek()))) {
                return within(day, at, occurrence);
            }
        }
        return null;
    }

    /** The occurrence after the one due at {@code previous}, numbered {@code occurrence}, or null. */
    Instant next(Instant previous, int occurrence) {
        LocalDate day = previous.atZone(zone).toLocalDate();
        if (everyDays != null) {
            day = day.plusDays(everyDays);
        } else {
            do {
                day = day.plusDays(1);
            } while (!weekdays.contains(day.getDayOfWeek()));
        }
        return within(day, time(day), occurrence);
    }

    /** The first occurrence after {@code now} that follows the routine's rhythm from {@code previous}. */
    Instant nextAfter(Instant previous, Instant now, int occurrence) {
        Instant at = previous;
        // a routine that missed occurrences (paused meanwhile) goes on with its rhythm, not its backlog
        for (int i = 0; i < 100_000 && at != null && !at.isAfter(now); i++) {
            at = next(at, occurrence);
        }
        return at;
    }

    private Instant time(LocalDate day) {
        // atZone moves a time inside a DST gap forward
        return day.atTime(at).atZone(zone).toInstant();
    }

    private Instant within(LocalDate day, Instant at, int occurrence) {
        if (until != null && day.isAfter(until) || count != null && occurrence > count) {
            return null;
        }
        return at;
    }
}
