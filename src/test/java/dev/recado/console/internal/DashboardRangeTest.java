package dev.recado.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Days of a dashboard in the workspace's zone, and a chart's CSV. */
class DashboardRangeTest {

    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void missingOrBadEndsFallBackToTheLastThirtyDays() {
        var range = DashboardRange.of(null, "soon", KATHMANDU, TODAY);
        assertThat(range.from()).isEqualTo(LocalDate.of(2026, 10, 31));
        assertThat(range.to()).isEqualTo(TODAY);
        assertThat(range.days()).hasSize(30);
        assertThat(DashboardRange.of("2020-01-01", "2026-11-29", KATHMANDU, TODAY).days()).hasSize(366);
    }

    @Test
    void aQuarterHourFallsOnTheLocalDay() {
        var range = DashboardRange.of("2026-11-28", "2026-11-29", KATHMANDU, TODAY);
        // Kathmandu is UTC+05:45: 18:15 UTC is already the next local day
        assertThat(range.indexOf(Instant.parse("2026-11-27T18:00:00Z"))).isEqualTo(-1);
        assertThat(range.indexOf(Instant.parse("2026-11-27T18:15:00Z"))).isZero();
        assertThat(range.indexOf(Instant.parse("2026-11-28T18:15:00Z"))).isEqualTo(1);
        assertThat(range.indexOf(Instant.parse("2026-11-29T18:15:00Z"))).isEqualTo(-1);
        assertThat(range.start()).isEqualTo(Instant.parse("2026-11-27T18:15:00Z"));
    }

    @Test
    void theCsvHasADayPerRowAndDefusesFormulas() {
        var chart = new DashboardChart("x", "bar", List.of(
                new DashboardChart.Series("a", "=SUM(A1)", "bar", "count", List.of(1, 2)),
                new DashboardChart.Series("b", "Gasto, €", "bar", "money", Arrays.asList(null, 0.5))));
        assertThat(chart.csv(List.of(TODAY.minusDays(1), TODAY), "fecha"))
                .isEqualTo("fecha,'=SUM(A1),\"Gasto, €\"\r\n2026-11-28,1,\r\n2026-11-29,2,0.5\r\n");
    }
}
