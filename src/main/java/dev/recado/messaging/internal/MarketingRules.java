package dev.recado.messaging.internal;

import dev.recado.common.Db;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/**
 * A workspace's rules for marketing messages ({@code marketing_rules}): its quiet hours and its
 * frequency cap. Read once per accepted batch that carries marketing, by primary key; nothing is
 * cached in one node's memory, so a change holds on every node at once.
 */
@Repository
class MarketingRules {

    /** At most {@code messages} marketing messages per contact within {@code days}. */
    record Cap(int messages, int days) {
    }

    record Rules(QuietHours quietHours, Cap cap) {
    }

    private static final TypeReference<LinkedHashMap<String, Map<String, String>>> WINDOWS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> DATES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final QuietHours.Window defaultWindow;

    MarketingRules(JdbcClient jdbc,
            @Value("${recado.quiet-hours-default:09:00-21:00}") String defaultWindow) {
        this.jdbc = jdbc;
        this.defaultWindow = QuietHours.Window.parse(defaultWindow);
    }

    QuietHours.Window defaultWindow() {
        return defaultWindow;
    }

    Rules rules(long workspaceId) {
        return jdbc.sql("select quiet_windows, holidays, cap_messages, cap_days from marketing_rules where workspace_id = :ws")
                .param("ws", workspaceId)
                .query((rs, n) -> {
                    int messages = rs.getInt("cap_messages");
                    Cap cap = rs.wasNull() ? null : new Cap(messages, rs.getInt("cap_days"));
                    return new Rules(quietHours(rs.getString("quiet_windows"), rs.getString("holidays")), cap);
                })
                .optional().orElseGet(() -> new Rules(QuietHours.everyDay(defaultWindow), null));
    }

    /** Stored windows: a day absent from the document keeps the default window, a null day is closed. */
    QuietHours quietHours(String windowsJson, String holidaysJson) {
        Map<DayOfWeek, QuietHours.Window> windows = new EnumMap<>(DayOfWeek.class);
        Map<String, Map<String, String>> stored = windowsJson == null ? Map.of()
                : MessageStore.JSON.readValue(windowsJson, WINDOWS);
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.name().toLowerCase(Locale.ROOT);
            if (!stored.containsKey(name)) {
                windows.put(day, defaultWindow);
            } else if (stored.get(name) != null) {
                windows.put(day, new QuietHours.Window(QuietHours.Window.minutes(stored.get(name).get("from")),
                        QuietHours.Window.minutes(stored.get(name).get("to"))));
            }
        }
        Set<LocalDate> holidays = new LinkedHashSet<>();
        if (holidaysJson != null) {
            MessageStore.JSON.readValue(holidaysJson, DATES).forEach(d -> holidays.add(LocalDate.parse(d)));
        }
        return new QuietHours(windows, holidays);
    }

    Optional<String[]> storedQuietHours(long workspaceId) {
        return jdbc.sql("select quiet_windows, holidays from marketing_rules where workspace_id = :ws")
                .param("ws", workspaceId).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
    }

    void saveQuietHours(long workspaceId, String windowsJson, String holidaysJson, Instant now) {
        ensureRow(workspaceId, now);
        jdbc.sql("update marketing_rules set quiet_windows = :w, holidays = :h, updated_at = :now where workspace_id = :ws")
                .param("w", windowsJson).param("h", holidaysJson).param("now", Db.ts(now)).param("ws", workspaceId)
                .update();
    }

    void saveCap(long workspaceId, Cap cap, Instant now) {
        ensureRow(workspaceId, now);
        jdbc.sql("update marketing_rules set cap_messages = :m, cap_days = :d, updated_at = :now where workspace_id = :ws")
                .param("m", cap == null ? null : cap.messages()).param("d", cap == null ? null : cap.days())
                .param("now", Db.ts(now)).param("ws", workspaceId).update();
    }

    /** Two settings saved at once meet here: one inserts, the other finds the row. */
    private void ensureRow(long workspaceId, Instant now) {
        jdbc.sql("insert into marketing_rules (workspace_id, updated_at) values (:ws, :now) on conflict do nothing")
                .param("ws", workspaceId).param("now", Db.ts(now)).update();
    }
}
