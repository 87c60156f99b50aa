package dev.recado.console.internal;

import dev.recado.billing.BillingManagement;
import dev.recado.billing.SpendInterval;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The balance page's totals per day: what messages cost each of the last days and the balance the
 * day ended with, from the billing module's quarter-hour sums folded into the workspace's days (as
 * the dashboard's money chart, which shows the same over any range).
 */
@Component
class BillingDays {

    static final int DAYS = 14;

    /** One day, newest first on the page. */
    record Day(LocalDate day, BigDecimal spent, BigDecimal balance) {
    }

    private final BillingManagement billing;
    private final Clock clock;

    BillingDays(BillingManagement billing, Clock clock) {
        this.billing = billing;
        this.clock = clock;
    }

    /** The last {@link #DAYS} days, newest first. */
    List<Day> lastDays(long workspaceId, ZoneId zone) {
        List<Day> days = new ArrayList<>(over(workspaceId,
                DashboardRange.lastDays(DAYS, zone, LocalDate.now(clock.withZone(zone)))));
        Collections.reverse(days);
        return days;
    }

    /** Every day of a range in order; a day without movements keeps the balance the day before ended with. */
    List<Day> over(long workspaceId, DashboardRange range) {
        List<LocalDate> dates = range.days();
        BigDecimal[] spent = new BigDecimal[dates.size()];
        BigDecimal[] balance = new BigDecimal[dates.size()];
        Arrays.fill(spent, BigDecimal.ZERO);
        for (SpendInterval s : billing.spend(workspaceId, range.start(), range.end())) {
            int d = range.indexOf(s.from());
            if (d >= 0) {
                spent[d] = spent[d].add(s.spent());
                balance[d] = s.balanceAfter();
            }
        }
        BigDecimal carried = billing.balanceBefore(workspaceId, range.start());
        List<Day> days = new ArrayList<>(dates.size());
        for (int d = 0; d < dates.size(); d++) {
            carried = balance[d] == null ? carried : balance[d];
            days.add(new Day(dates.get(d), spent[d], carried));
        }
        return days;
    }
}
