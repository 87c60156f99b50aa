package dev.recado.console.internal;

import dev.recado.consent.ConsentManagement;
import dev.recado.consent.OptOutCount;
import dev.recado.messaging.MessageReports;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.MessageVolume;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The dashboard's figures for a range of days, from the modules' quarter-hour reports folded
 * into the workspace's days: messages by channel and status, delivery rate, replies and opt-outs,
 * spend and the balance.
 */
@Component
class DashboardReport {

    /** The four charts, in page order; each is also a CSV download under its id. */
    static final List<String> CHARTS = List.of("messages", "delivery", "engagement", "money");

    /** Outcomes a delivery rate is counted over: the carrier has said yes or no. */
    private static final Set<MessageStatus> DELIVERED = EnumSet.of(MessageStatus.DELIVERED, MessageStatus.READ);
    private static final Set<MessageStatus> NOT_DELIVERED = EnumSet.of(MessageStatus.UNDELIVERED,
            MessageStatus.FAILED, MessageStatus.EXPIRED, MessageStatus.REJECTED);

    /** What the page shows above the charts. */
    record Totals(long sent, BigDecimal deliveryRate, long replies, long optOuts, BigDecimal spent) {
    }

    record Result(DashboardRange range, Totals totals, Map<String, DashboardChart> charts) {
    }

    private final MessageReports messages;
    private final ConsentManagement consent;
    private final BillingDays billingDays;
    private final MessageSource texts;

    DashboardReport(MessageReports messages, ConsentManagement consent, BillingDays billingDays,
            MessageSource texts) {
        this.messages = messages;
        this.consent = consent;
        this.billingDays = billingDays;
        this.texts = texts;
    }

    Result build(long workspaceId, DashboardRange range, boolean hasBilling) {
        int days = range.days().size();
        // per "channel|status" of outbound messages, one count per day
        Map<String, long[]> outbound = new TreeMap<>();
        long[] replies = new long[days];
        long[] delivered = new long[days];
        long[] decided = new long[days];
        for (MessageVolume v : messages.volume(workspaceId, range.start(), range.end())) {
            int d = range.indexOf(v.from());
            if (d < 0) {
                continue;
            }
            if ("inbound".equals(v.direction())) {
                replies[d] += v.count();
                continue;
            }
            outbound.computeIfAbsent(v.channel() + "|" + v.status(), k -> new long[days])[d] += v.count();
            if (DELIVERED.contains(v.status())) {
                delivered[d] += v.count();
            }
            if (DELIVERED.contains(v.status()) || NOT_DELIVERED.contains(v.status())) {
                decided[d] += v.count();
            }
        }
        long[] optOuts = new long[days];
        for (OptOutCount o : consent.optOuts(workspaceId, range.start(), range.end())) {
            int d = range.indexOf(o.from());
            if (d >= 0) {
                optOuts[d] += o.people();
            }
        }
        BigDecimal[] spent = new BigDecimal[days];
        BigDecimal[] balance = new BigDecimal[days];
        Arrays.fill(spent, BigDecimal.ZERO);
        if (hasBilling) {
            List<BillingDays.Day> money = billingDays.over(workspaceId, range);
            for (int d = 0; d < days; d++) {
                spent[d] = money.get(d).spent();
                balance[d] = money.get(d).balance();
            }
        }

        Map<String, DashboardChart> charts = new java.util.LinkedHashMap<>();
        charts.put("messages", messagesChart(outbound));
        charts.put("delivery", new DashboardChart("delivery", "line", List.of(new DashboardChart.Series("rate",
                text("dashboard.series.deliveryRate"), "line", "percent", rates(delivered, decided)))));
        charts.put("engagement", new DashboardChart("engagement", "bar", List.of(
                new DashboardChart.Series("replies", text("dashboard.series.replies"), "bar", "count", boxed(replies)),
                new DashboardChart.Series("opt_outs", text("dashboard.series.optOuts"), "bar", "count", boxed(optOuts)))));
        charts.put("money", new DashboardChart("money", "bar", List.of(
                new DashboardChart.Series("spend", text("dashboard.series.spend"), "bar", "money", Arrays.<Number>asList(spent)),
                new DashboardChart.Series("balance", text("dashboard.series.balance"), "line", "money",
                        hasBilling ? Arrays.<Number>asList(balance) : nulls(days)))));

        long sent = outbound.values().stream().flatMapToLong(Arrays::stream).sum();
        var totals = new Totals(sent, rate(sum(delivered), sum(decided)), sum(replies), sum(optOuts),
                Arrays.stream(spent).reduce(BigDecimal.ZERO, BigDecimal::add));
        return new Result(range, totals, charts);
    }

    private DashboardChart messagesChart(Map<String, long[]> outbound) {
        var series = new ArrayList<DashboardChart.Series>();
        outbound.forEach((key, counts) -> {
            String[] parts = key.split("\\|");
            String label = text("channel." + parts[0]) + " · " + text("message.status." + parts[1]);
            series.add(new DashboardChart.Series(key, label, "bar", "count", boxed(counts)));
        });
        return new DashboardChart("messages", "stacked", series);
    }

    private static List<Number> rates(long[] delivered, long[] decided) {
        var rates = new ArrayList<Number>();
        for (int d = 0; d < delivered.length; d++) {
            rates.add(rate(delivered[d], decided[d]));
        }
        return rates;
    }

    /** Percent with one decimal; null when nothing has had an outcome yet. */
    private static BigDecimal rate(long delivered, long decided) {
        return decided == 0 ? null
                : BigDecimal.valueOf(delivered * 100L).divide(BigDecimal.valueOf(decided), 1, RoundingMode.HALF_UP);
    }

    private static List<Number> boxed(long[] values) {
        return Arrays.stream(values).<Number>mapToObj(Long::valueOf).toList();
    }

    private static List<Number> nulls(int days) {
        return new ArrayList<>(java.util.Collections.nCopies(days, (Number) null));
    }

    private static long sum(long[] values) {
        return Arrays.stream(values).sum();
    }

    private String text(String key) {
        return texts.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
