package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.RecadoTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The clock gives nanoseconds and the databases keep microseconds: a run recorded at a nanosecond
 * instant must still be due exactly one interval later, and the lease's ends must read back as written,
 * on H2 and on PostgreSQL alike.
 */
@RecadoTest
class MaintenanceLeaseTest {

    private static final Duration EVERY = Duration.ofHours(1);
    private static final Duration LEASE = Duration.ofMinutes(5);
    // 999 ns past the microsecond: a database rounding it would keep the next microsecond
    private static final Instant STARTED = Instant.parse("2031-03-01T10:00:00.123456999Z");

    @Autowired
    JdbcClient jdbc;
    String job;

    @BeforeEach
    void jobRow() {
        job = "lease_test_" + System.nanoTime();
        jdbc.sql("insert into maintenance_jobs (name) values (:job)").param("job", job).update();
    }

    @AfterEach
    void dropRow() {
        jdbc.sql("delete from maintenance_jobs where name = :job").param("job", job).update();
    }

    @Test
    void aRunRecordedAtANanosecondInstantIsDueAgainExactlyOneIntervalLater() {
        var lease = new MaintenanceLease(jdbc, Clock.fixed(STARTED, ZoneOffset.UTC), job, LEASE);
        assertThat(lease.claim("node-a", STARTED, EVERY)).isTrue();
        lease.renew("node-a");
        lease.finish("node-a", STARTED);
        assertThat(instant("last_run_at")).isEqualTo(STARTED.truncatedTo(ChronoUnit.MICROS));

        assertThat(lease.claim("node-b", STARTED.plus(EVERY).minusNanos(1000), EVERY)).isFalse();
        assertThat(lease.claim("node-b", STARTED.plus(EVERY), EVERY)).isTrue();
    }

    @Test
    void theRenewedLeaseEndsWhereItWasWrittenAndIsReleasedByItsHolder() {
        Instant renewedAt = STARTED.plusSeconds(30);
        var lease = new MaintenanceLease(jdbc, Clock.fixed(renewedAt, ZoneOffset.UTC), job, LEASE);
        assertThat(lease.claim("node-a", STARTED, EVERY)).isTrue();
        lease.renew("node-a");
        Instant until = renewedAt.plus(LEASE);
        assertThat(instant("lease_until")).isEqualTo(until.truncatedTo(ChronoUnit.MICROS));

        // another node takes it only once the lease has run out, to the microsecond
        assertThat(lease.claim("node-b", until, Duration.ZERO)).isFalse();
        lease.renew("node-a");
        lease.finish("node-a", STARTED);
        assertThat(jdbc.sql("select count(*) from maintenance_jobs where name = :job and lease_owner is null")
                .param("job", job).query(Long.class).single()).isEqualTo(1);
        assertThat(lease.claim("node-b", until, Duration.ZERO)).isTrue();
    }

    private Instant instant(String column) {
        return jdbc.sql("select " + column + " from maintenance_jobs where name = :job").param("job", job)
                .query((rs, n) -> Db.instant(rs, column)).single();
    }
}
