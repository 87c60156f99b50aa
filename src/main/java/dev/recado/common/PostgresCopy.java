package dev.recado.common;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Bulk writes through PostgreSQL's {@code COPY ... FROM STDIN} on the connection of the current
 * transaction: several times faster than batched multi-row inserts, which PostgreSQL must parse and
 * plan with thousands of parameters each. Rows are written in COPY's text format.
 */
public final class PostgresCopy {

    /** One row's values in column order; {@code null} is SQL NULL. */
    public static final class Row {
        private final StringBuilder out;
        private boolean first = true;

        Row(StringBuilder out) {
            this.out = out;
        }

        public Row add(Object value) {
            if (!first) {
                out.append('\t');
            }
            first = false;
            if (value == null) {
                out.append("\\N");
            } else if (value instanceof Instant instant) {
                // cut to the microsecond as Db.ts does, so COPY and JDBC rows hold the same instant
                out.append(instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString());
            } else if (value instanceof java.math.BigDecimal decimal) {
                out.append(decimal.toPlainString());
            } else {
                escape(value.toString());
            }
            return this;
        }

        private void escape(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
    }

    private PostgresCopy() {
    }

    /** Copies {@code items} into {@code table (columns)}, one row each, in the caller's transaction. */
    public static <T> long copy(DataSource dataSource, String table, String columns, List<T> items,
            BiConsumer<T, Row> row) {
        StringBuilder data = new StringBuilder(items.size() * 256);
        for (T item : items) {
            row.accept(item, new Row(data));
            data.append('\n');
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + table + " (" + columns + ") from stdin", new StringReader(data.toString()));
        } catch (SQLException e) {
            // a unique violation must read as the DuplicateKeyException callers retry on
            throw new SQLStateSQLExceptionTranslator().translate("copy into " + table, null, e);
        } catch (IOException e) {
            throw new IllegalStateException("COPY into " + table + " failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
