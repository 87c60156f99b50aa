package dev.recado.common;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Time conversions that behave the same on H2 and PostgreSQL. */
public final class Db {

    private Db() {
    }

    /**
     * To the microsecond, cut rather than rounded. Both databases keep microseconds but the clock
     * gives nanoseconds, and they round differently: the PostgreSQL driver rounds a parameter half up
     * before sending it, H2 rounds what it stores yet compares a parameter at full precision. So an
     * instant written and then compared again (a job's last run, a lease's end) could miss itself by
     * a microsecond on one database; cut here, it is the same value on both and reads back as written.
     */
    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
