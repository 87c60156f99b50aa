package dev.recado.console.internal;

import dev.recado.campaigns.CampaignManagement;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One chart of a campaign's report, as campaign.js draws it with Chart.js: labels and named series
 * of numbers. A new chart (per occurrence, A/B variants) is one more factory here and one more
 * canvas on the page; the script needs no change.
 */
record CampaignChart(String id, String type, List<String> labels, List<Series> series) {

    record Series(String label, String colour, List<Long> data) {
    }

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:00");

    /** Sent, delivered and people's clicks per hour, in the workspace's time. */
    static CampaignChart overTime(List<CampaignManagement.Hour> hours, ZoneId zone, Map<String, String> labels) {
        List<String> x = hours.stream().map(h -> HOUR.format(h.hour().atZone(zone))).toList();
        return new CampaignChart("time", "line", x, List.of(
                series(labels.get("sent"), "#7fb8a0", hours, CampaignManagement.Hour::sent),
                series(labels.get("delivered"), "#1f7a43", hours, CampaignManagement.Hour::delivered),
                series(labels.get("clicked"), "#0e5a9c", hours, CampaignManagement.Hour::clicks)));
    }

    /** Every outcome once, as bars: what a campaign without a series yet still shows. */
    static CampaignChart outcomes(CampaignManagement.Report r, Map<String, String> labels) {
        var s = r.campaign().stats();
        List<String> x = new ArrayList<>();
        List<Long> data = new ArrayList<>();
        Map<String, Long> values = new java.util.LinkedHashMap<>();
        values.put("sent", s.sent());
        values.put("delivered", s.delivered());
        values.put("undelivered", s.undelivered());
        values.put("failed", s.failed());
        values.put("clicked", r.clicksUnique());
        values.forEach((k, v) -> {
            x.add(labels.get(k));
            data.add(v);
        });
        return new CampaignChart("outcomes", "bar", x, List.of(new Series(labels.get("messages"), "#1a7f5a", data)));
    }

    private static <T> Series series(String label, String colour, List<T> rows, ToLongFunction<T> value) {
        return new Series(label, colour, rows.stream().map(value::applyAsLong).toList());
    }
}
