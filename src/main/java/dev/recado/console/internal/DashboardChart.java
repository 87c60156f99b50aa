package dev.recado.console.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One chart of the dashboard: named series of one value per day. The same object draws the chart
 * (as JSON for Chart.js) and is its CSV download, so the file holds exactly what the chart shows.
 */
record DashboardChart(String id, String kind, List<Series> series) {

    /** {@code axis} is "count", "percent" or "money"; {@code type} "bar" or "line"; a null value is no data. */
    record Series(String key, String label, String type, String axis, List<Number> data) {
    }

    String csv(List<LocalDate> days, String dateHeader) {
        var lines = new ArrayList<String>();
        lines.add(cell(dateHeader) + series.stream().map(s -> "," + cell(s.label())).collect(Collectors.joining()));
        for (int d = 0; d < days.size(); d++) {
            var line = new StringBuilder(days.get(d).toString());
            for (Series s : series) {
                Number value = s.data().get(d);
                line.append(',').append(value == null ? "" : value.toString());
            }
            lines.add(line.toString());
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    /** Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs a label as a formula. */
    private static String cell(String text) {
        String safe = text.isEmpty() || "=+-@".indexOf(text.charAt(0)) < 0 ? text : "'" + text;
        return safe.matches("[^,\"\\r\\n]*") ? safe : "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
