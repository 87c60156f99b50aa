package dev.recado.common;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reserves many sequence values in one round trip, so a batch of rows and their child rows can be
 * written without asking the database for each id. The series function is the one dialect
 * difference.
 */
@Component
public class IdBlocks {

    private final JdbcClient jdbc;
    private final boolean postgres;

    public IdBlocks(JdbcClient jdbc, DataSource dataSource) throws java.sql.SQLException {
        this.jdbc = jdbc;
        try (var connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    public boolean postgres() {
        return postgres;
    }

    public List<Long> next(String sequence, int count) {
        if (!sequence.matches("[a-z_]+")) {
            throw new IllegalArgumentException(sequence);
        }
        String sql = postgres
                ? "select nextval('" + sequence + "') from generate_series(1, :n)"
                : "select next value for " + sequence + " from system_range(1, :n)";
        return jdbc.sql(sql).param("n", count).query(Long.class).list();
    }
}
