package dev.recado.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * PostgreSQL statements that touch many rows at once, their per-row values passed as arrays
 * ({@code where id = any(?)}, {@code from unnest(?, ?) v(...)}). A JDBC batch of one-row updates
 * costs PostgreSQL a statement execution per row, which at thousands of messages a second was most
 * of the database's time; one statement per batch is several times cheaper. H2 keeps its batches.
 */
public final class SetStatements {

    private SetStatements() {
    }

    /** Runs a statement ending in {@code returning <a bigint>} and answers those values. */
    public static List<Long> returningIds(JdbcTemplate template, String sql, Object... args) {
        return template.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, args);
                List<Long> ids = new ArrayList<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    /** Runs a statement without results; answers the rows it changed. */
    public static int update(JdbcTemplate template, String sql, Object... args) {
        return template.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, args);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * One named parameter holding these ids, for {@code id = any(:ids)}. On PostgreSQL an IN list of
     * hundreds of values is planned again for every execution (the tuned cluster plans each
     * statement for its values) and costs several times the index probes; one array is planned once.
     * H2 looks an array parameter up in an index as it does an IN list.
     */
    public static SqlArrayValue bigints(Collection<Long> values) {
        return new SqlArrayValue("bigint", values.toArray(Long[]::new));
    }

    /** As {@link #bigints}, for text keys such as provider ids. */
    public static SqlArrayValue texts(Collection<String> values) {
        return new SqlArrayValue("text", values.toArray(String[]::new));
    }

    private static void bind(Connection c, PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            Object value = switch (arg) {
                case Long[] longs -> c.createArrayOf("bigint", longs);
                case Integer[] ints -> c.createArrayOf("integer", ints);
                case String[] texts -> c.createArrayOf("text", texts);
                case OffsetDateTime[] times -> c.createArrayOf("timestamptz", times);
                case null, default -> arg;
            };
            ps.setObject(i + 1, value);
        }
    }
}
