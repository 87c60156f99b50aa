package dev.recado.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** A routine's occurrence times alone: rhythm, weekdays, time zone and DST, until and count. */
class CampaignRoutineRulesTest {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    static Instant madrid(String local) {
        return LocalDateTime.parse(local).atZone(MADRID).toInstant();
    }

    @Test
    void everyNDaysKeepsTheLocalHourAcrossDaylightSavingTime() {
        var routine = new Routine(7, null, LocalTime.of(10, 0), MADRID, null, 3);
        // Friday 2027-03-26 09:00: today's 10:00 is still ahead
        Instant first = routine.first(madrid("2027-03-26T09:00:00"), 1);
        assertThat(first).isEqualTo(madrid("2027-03-26T10:00:00"));
        // the clocks change on the 28th: still 10:00 local, so 167 hours later, not 168
        Instant second = routine.next(first, 2);
        assertThat(second).isEqualTo(madrid("2027-04-02T10:00:00"));
        assertThat(java.time.Duration.between(first, second).toHours()).isEqualTo(167);
        assertThat(routine.next(second, 3)).isEqualTo(madrid("2027-04-09T10:00:00"));
        assertThat(routine.next(madrid("2027-04-09T10:00:00"), 4)).as("count reached").isNull();
    }

    @Test
    void chosenWeekdaysUntilADate() {
        var routine = new Routine(null, EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), LocalTime.of(9, 30), MADRID,
                LocalDate.parse("2026-12-14"), null);
        // Wednesday 2026-12-02 → Thursday 3rd, Monday 7th, Thursday 10th, Monday 14th, then nothing
        Instant at = routine.first(madrid("2026-12-02T12:00:00"), 1);
        assertThat(at).isEqualTo(madrid("2026-12-03T09:30:00"));
        at = routine.next(at, 2);
        assertThat(at).isEqualTo(madrid("2026-12-07T09:30:00"));
        at = routine.next(at, 3);
        assertThat(at).isEqualTo(madrid("2026-12-10T09:30:00"));
        at = routine.next(at, 4);
        assertThat(at).isEqualTo(madrid("2026-12-14T09:30:00"));
        assertThat(routine.next(at, 5)).isNull();
        assertThat(routine.first(madrid("2026-12-14T10:00:00"), 1)).as("until passed").isNull();
    }

    @Test
    void occurrencesMissedWhilePausedAreNotMadeUp() {
        var routine = new Routine(2, null, LocalTime.of(10, 0), MADRID, null, null);
        assertThat(routine.nextAfter(madrid("2026-12-01T10:00:00"), madrid("2026-12-06T12:00:00"), 2))
                .isEqualTo(madrid("2026-12-07T10:00:00"));
    }
}
