package dev.recado.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The window arithmetic alone: the default 09:00–21:00, closed days, holidays, time zones, DST. */
class QuietHoursRulesTest {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    static final QuietHours DEFAULT = QuietHours.everyDay(QuietHours.Window.parse("09:00-21:00"));

    static Instant madrid(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(MADRID).toInstant();
    }

    @Test
    void insideTheWindowGoesAtOnceAndOutsideWaitsForTheNextOpening() {
        assertThat(DEFAULT.nextOpening(MADRID, madrid("2026-12-02T12:00:00"))).isEqualTo(madrid("2026-12-02T12:00:00"));
        assertThat(DEFAULT.nextOpening(MADRID, madrid("2026-12-02T08:59:59"))).isEqualTo(madrid("2026-12-02T09:00:00"));
        assertThat(DEFAULT.nextOpening(MADRID, madrid("2026-12-02T21:00:00"))).isEqualTo(madrid("2026-12-03T09:00:00"));
        assertThat(DEFAULT.nextOpening(MADRID, madrid("2026-12-02T23:30:00"))).isEqualTo(madrid("2026-12-03T09:00:00"));
    }

    @Test
    void theRecipientsZoneDecides() {
        // 23:30 in Madrid is 17:30 in New York: inside New York's window
        Instant at = madrid("2026-12-02T23:30:00");
        assertThat(DEFAULT.nextOpening(ZoneId.of("America/New_York"), at)).isEqualTo(at);
        assertThat(DEFAULT.nextOpening(ZoneId.of("Asia/Tokyo"), at))
                .isEqualTo(ZonedDateTime.parse("2026-12-03T09:00:00+09:00[Asia/Tokyo]").toInstant());
    }

    @Test
    void closedWeekdaysAndHolidaysAreSkipped() {
        Map<DayOfWeek, QuietHours.Window> windows = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            windows.put(d, QuietHours.Window.parse("10:00-14:00"));
        }
        windows.remove(DayOfWeek.SATURDAY);
        windows.remove(DayOfWeek.SUNDAY);
        var rules = new QuietHours(windows, Set.of(LocalDate.parse("2026-12-07"), LocalDate.parse("2026-12-08")));
        // Friday 2026-12-04 after 14:00 → Saturday and Sunday closed, Monday 7 and Tuesday 8 holidays
        assertThat(rules.nextOpening(MADRID, madrid("2026-12-04T15:00:00"))).isEqualTo(madrid("2026-12-09T10:00:00"));
        assertThat(rules.nextOpening(MADRID, madrid("2026-12-08T11:00:00"))).isEqualTo(madrid("2026-12-09T10:00:00"));
        assertThat(rules.alwaysOpen()).isFalse();
        assertThat(QuietHours.everyDay(QuietHours.Window.parse("00:00-24:00")).alwaysOpen()).isTrue();
    }

    @Test
    void anOpeningInsideADaylightSavingGapMovesForward() {
        var early = QuietHours.everyDay(QuietHours.Window.parse("02:30-21:00"));
        // 2027-03-28 02:00 → 03:00 in Madrid: 02:30 does not exist that day
        assertThat(early.nextOpening(MADRID, madrid("2027-03-28T01:00:00"))).isEqualTo(madrid("2027-03-28T03:30:00"));
    }

    @Test
    void windowsParseAndRefuseNonsense() {
        assertThat(QuietHours.Window.minutes("24:00")).isEqualTo(1440);
        assertThat(QuietHours.Window.minutes("24:01")).isEqualTo(-1);
        assertThat(QuietHours.Window.minutes("9:00")).isEqualTo(-1);
        assertThat(QuietHours.Window.minutes("12:60")).isEqualTo(-1);
        assertThat(QuietHours.Window.format(545)).isEqualTo("09:05");
    }
}
