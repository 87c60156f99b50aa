package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recado.support.RecadoTest;
import dev.recado.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every pooled PostgreSQL connection plans per execution and never JIT-compiles (see DataSourceTuning). */
@RecadoTest
class DataSourceTuningTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void postgresConnectionsUseCustomPlansWithoutJit() {
        assumeTrue(TestDatabase.postgres(), "a PostgreSQL setting");
        assertThat(jdbc.sql("show jit").query(String.class).single()).isEqualTo("off");
        assertThat(jdbc.sql("show plan_cache_mode").query(String.class).single()).isEqualTo("force_custom_plan");
    }
}
