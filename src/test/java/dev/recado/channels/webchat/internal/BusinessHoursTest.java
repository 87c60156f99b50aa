package dev.recado.channels.webchat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    @Test
    void weekdaysInTheWidgetsZone() {
        var hours = BusinessHours.parse("mon-fri 09:00-18:00", MADRID);
        // Monday 30 Nov 2026, 08:30 UTC = 09:30 in Madrid
        assertThat(hours.open(Instant.parse("2026-11-30T08:30:00Z"))).isTrue();
        assertThat(hours.open(Instant.parse("2026-11-30T07:59:00Z"))).isFalse();
        assertThat(hours.open(Instant.parse("2026-11-30T17:00:00Z"))).isFalse();
        assertThat(hours.open(Instant.parse("2026-11-29T10:00:00Z"))).isFalse();
    }

    @Test
    void listsAllDaysAndNonsense() {
        assertThat(BusinessHours.parse("sat,sun 10:00-14:00", MADRID).days()).hasSize(2);
        assertThat(BusinessHours.parse("00:00-24:00", MADRID).open(Instant.parse("2026-11-29T23:59:00Z"))).isTrue();
        assertThat(BusinessHours.parse("whenever", MADRID)).isNull();
        assertThat(BusinessHours.parse("fri-mon 09:00-18:00", MADRID)).isNull();
        assertThat(BusinessHours.parse("mon 18:00-09:00", MADRID)).isNull();
    }
}
