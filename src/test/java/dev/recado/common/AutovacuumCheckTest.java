package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.RecadoTest;
import dev.recado.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The start-up warning follows the server's actual setting (CI's PostgreSQL has autovacuum off). */
@RecadoTest
class AutovacuumCheckTest {

    @Autowired
    AutovacuumCheck check;
    @Autowired
    JdbcClient jdbc;

    @Test
    void warnsExactlyWhenPostgresRunsWithoutAutovacuum() {
        if (!TestDatabase.postgres()) {
            assertThat(check.warning()).isEmpty();
            return;
        }
        boolean off = jdbc.sql("show autovacuum").query(String.class).single().equals("off");
        assertThat(check.warning().isPresent()).isEqualTo(off);
        check.warning().ifPresent(w -> assertThat(w).contains("autovacuum = off"));
    }
}
