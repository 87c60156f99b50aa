package dev.recado.messaging;

import dev.recado.common.Db;
import dev.recado.support.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The database the server processes of {@link CrashSafetyTest} (and the campaign crash test) share and outlive: an H2 file (an
 * in-memory one would die with the process) or a fresh PostgreSQL database, dropped at the end.
 * The test touches it only while no server runs, because an H2 file is open in one process at a time.
 */
public final class CrashDatabase implements AutoCloseable {

    private final boolean postgres = TestDatabase.postgres();
    private final String name = "recado_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String url;
    private final String user;

    public CrashDatabase(Path dir) {
        if (postgres) {
            TestDatabase.execute("create database " + name);
            url = TestDatabase.POSTGRES_ADMIN_URL.replace("/postgres", "/" + name);
            user = TestDatabase.POSTGRES_USER;
        } else {
            // the same settings as the default URL in application.yml
            url = "jdbc:h2:file:" + dir.resolve("recado").toAbsolutePath()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            user = "sa";
        }
    }

    /** How the server is told to use this database. */
    public Map<String, String> env() {
        return Map.of("RECADO_DATABASE_URL", url, "RECADO_DATABASE_USER", user, "RECADO_DATABASE_PASSWORD", "");
    }

    Connection connect() throws SQLException {
        // batched inserts become multi-row inserts on PostgreSQL: seeding takes seconds, not a minute
        return DriverManager.getConnection(postgres ? url + "?reWriteBatchedInserts=true" : url, user, "");
    }

    /**
     * Writes {@code count} messages as the API would have accepted them (MessageAcceptor and
     * MessageStore.insert): a contact per number, status 'queued' and due now, priced, reserved by
     * the unsettled price (restored at start). Returns the message ids.
     */
    List<Long> seed(long workspaceId, long senderId, int count, BigDecimal price) throws SQLException {
        Instant now = Instant.now();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            List<Long> contactIds = nextIds(c, "contact_id_seq", count);
            List<Long> messageIds = nextIds(c, "message_id_seq", count);
            try (PreparedStatement contacts = c.prepareStatement("""
                    insert into contacts (id, workspace_id, phone, country, timezone, created_at, updated_at)
                    values (?, ?, ?, 'ES', 'Europe/Madrid', ?, ?)""");
                    PreparedStatement messages = c.prepareStatement("""
                    insert into messages (id, workspace_id, contact_id, sender_id, direction, channel, to_address,
                        from_address, body, purpose, priority, status, segments, encoding, smart_encoding, price,
                        currency, valid_until, next_attempt_at, created_at, queued_at, updated_at)
                    values (?, ?, ?, ?, 'outbound', 'sms', ?, 'Recado', ?, 'transactional', 5, 'queued', 1, 'gsm7',
                        false, ?, 'EUR', ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < count; i++) {
                    String phone = "+34600" + String.format("%06d", i);
                    contacts.setLong(1, contactIds.get(i));
                    contacts.setLong(2, workspaceId);
                    contacts.setString(3, phone);
                    contacts.setObject(4, Db.ts(now));
                    contacts.setObject(5, Db.ts(now));
                    contacts.addBatch();
                    messages.setLong(1, messageIds.get(i));
                    messages.setLong(2, workspaceId);
                    messages.setLong(3, contactIds.get(i));
                    messages.setLong(4, senderId);
                    messages.setString(5, phone);
                    messages.setString(6, "Your code is " + (100_000 + i) + ". Recado crash test.");
                    messages.setBigDecimal(7, price);
                    messages.setObject(8, Db.ts(now.plus(Duration.ofHours(48))));
                    for (int column = 9; column <= 12; column++) {
                        messages.setObject(column, Db.ts(now));
                    }
                    messages.addBatch();
                    if (i % 5_000 == 4_999 || i == count - 1) {
                        contacts.executeBatch();
                        messages.executeBatch();
                    }
                }
            }
            try (var s = c.createStatement()) {
                // as MessageStore does: every queued message has its row in the dispatch queue
                s.executeUpdate("""
                        insert into dispatch_queue (message_id, sender_id, state, priority, due_at, valid_until)
                        select id, sender_id, 'queued', priority, next_attempt_at, valid_until from messages
                         where status = 'queued' and id not in (select message_id from dispatch_queue)""");
            }
            c.commit();
            return messageIds;
        }
    }

    private List<Long> nextIds(Connection c, String sequence, int count) throws SQLException {
        String sql = postgres ? "select nextval('" + sequence + "') from generate_series(1, " + count + ")"
                : "select next value for " + sequence + " from system_range(1, " + count + ")";
        List<Long> ids = new ArrayList<>(count);
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /**
     * For a wait that timed out (the server killed first, so an H2 file can be read and nothing is
     * put back by a graceful stop): up to 20 messages not delivered, each with its state, attempts,
     * error and dispatch queue row, and the count per status.
     */
    public String unfinished() {
        try {
            return "messages by status: " + map("select status, count(*) from messages group by status", String.class,
                    Long.class) + "\nnot delivered (first 20): " + map("""
                    select cast(m.id as varchar) || ' ' || m.status || ' attempts=' || m.attempts
                           || ' error=' || coalesce(m.error_code, '-') || ' sender=' || coalesce(cast(m.sender_id as varchar), '-')
                           || ' next=' || coalesce(cast(m.next_attempt_at as varchar), '-')
                           || ' queue=' || coalesce(q.state, 'none') || ' due=' || coalesce(cast(q.due_at as varchar), '-'),
                           m.id
                      from messages m left join dispatch_queue q on q.message_id = m.id
                     where m.status <> 'delivered' order by m.id fetch first 20 rows only""", String.class, Long.class)
                    .keySet();
        } catch (SQLException e) {
            return "unfinished messages unavailable: " + e;
        }
    }

    /** The rows of a two-column query as a map from the first column to the second. */
    public <K, V> Map<K, V> map(String sql, Class<K> keys, Class<V> values) throws SQLException {
        Map<K, V> rows = new HashMap<>();
        try (Connection c = connect(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getObject(1, keys), rs.getObject(2, values));
            }
        }
        return rows;
    }

    @Override
    public void close() {
        if (postgres) {
            TestDatabase.execute("drop database if exists " + name + " with (force)");
        }
    }
}
