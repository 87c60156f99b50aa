package dev.recado.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Row counts of the tables a request can write, to prove that a refused request wrote nothing. */
public final class RowCounts {

    public static final List<String> TABLES = List.of("workspaces", "api_keys", "contacts", "contact_tags",
            "attribute_definitions", "consent_events", "consent_state", "contact_imports", "senders", "messages", "webhooks",
            "webhook_deliveries", "billing_ledger", "templates", "segments", "campaigns");

    private final JdbcClient jdbc;

    public RowCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The counts, read in one statement so a fuzz run can afford them around every request. */
    public Map<String, Long> now() {
        String sql = "select " + String.join(", ", TABLES.stream()
                .map(t -> "(select count(*) from " + t + ") as " + t).toList());
        return jdbc.sql(sql).query((rs, n) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : TABLES) {
                counts.put(table, rs.getLong(table));
            }
            return counts;
        }).single();
    }
}
