package dev.recado.billing.internal;

import dev.recado.billing.Balance;
import dev.recado.billing.LedgerEntry;
import dev.recado.common.Db;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * One row per workspace holds its settled {@code balance} and the money {@code reserved} for
 * accepted messages not yet settled. Every change is an update of that row in the caller's
 * transaction, so reservations commit or roll back with the messages they are for, and every node
 * sharing the database sees the same figures.
 */
@Repository
public class BillingRepository {

    /** What a workspace has now; {@code balance - reserved} is what new messages may still take. */
    public record Account(BigDecimal balance, BigDecimal reserved) {
    }

    private final JdbcClient jdbc;

    BillingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void open(long workspaceId, String currency) {
        jdbc.sql("insert into billing_accounts (workspace_id, currency, balance, reserved) values (:ws, :cur, 0, 0)")
                .param("ws", workspaceId).param("cur", currency).update();
    }

    /** Reads and locks the account until the transaction ends: reservations against it serialise here. */
    public Optional<Account> lock(long workspaceId) {
        return jdbc.sql("select balance, reserved from billing_accounts where workspace_id = :ws for update")
                .param("ws", workspaceId)
                .query((rs, n) -> new Account(rs.getBigDecimal(1), rs.getBigDecimal(2))).optional();
    }

    public Optional<Account> read(long workspaceId) {
        return jdbc.sql("select balance, reserved from billing_accounts where workspace_id = :ws")
                .param("ws", workspaceId)
                .query((rs, n) -> new Account(rs.getBigDecimal(1), rs.getBigDecimal(2))).optional();
    }

    /** Reserves only while {@code balance - reserved} covers the amount; false when it does not. */
    public boolean addReservedIfAvailable(long workspaceId, BigDecimal amount) {
        return jdbc.sql("""
                update billing_accounts set reserved = reserved + :amount
                 where workspace_id = :ws and balance - reserved >= :amount""")
                .param("amount", amount).param("ws", workspaceId).update() == 1;
    }

    public void addReserved(long workspaceId, BigDecimal amount) {
        jdbc.sql("update billing_accounts set reserved = reserved + :amount where workspace_id = :ws")
                .param("amount", amount).param("ws", workspaceId).update();
    }

    /**
     * Moves the balance and writes its ledger line; {@code fromReserved} is the part of the move that
     * was reserved before (a settled charge), released in the same statement.
     */
    public LedgerEntry move(long workspaceId, String kind, BigDecimal amount, BigDecimal fromReserved,
            String reference, String description, Instant now) {
        jdbc.sql("update billing_accounts set balance = balance + :amount, reserved = reserved - :released where workspace_id = :ws")
                .param("amount", amount).param("released", fromReserved).param("ws", workspaceId).update();
        var account = jdbc.sql("select balance, currency from billing_accounts where workspace_id = :ws")
                .param("ws", workspaceId)
                .query((rs, n) -> new Object[] {rs.getBigDecimal(1), rs.getString(2)}).single();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into billing_ledger (workspace_id, kind, amount, balance_after, currency, reference, description, created_at)
                values (:ws, :kind, :amount, :after, :cur, :ref, :desc, :now)
                """)
                .param("ws", workspaceId).param("kind", kind).param("amount", amount).param("after", account[0])
                .param("cur", account[1]).param("ref", reference).param("desc", description).param("now", Db.ts(now))
                .update(keys, "id");
        return new LedgerEntry(keys.getKey().longValue(), kind, amount, (BigDecimal) account[0], (String) account[1],
                reference, description, now);
    }

    public Optional<Balance> balance(long workspaceId) {
        return jdbc.sql("select balance, reserved, currency from billing_accounts where workspace_id = :ws")
                .param("ws", workspaceId)
                .query((rs, n) -> new Balance(rs.getBigDecimal(1).stripTrailingZeros(),
                        rs.getBigDecimal(2).stripTrailingZeros(),
                        rs.getBigDecimal(1).subtract(rs.getBigDecimal(2)).stripTrailingZeros(), rs.getString(3)))
                .optional();
    }

    public List<LedgerEntry> ledger(long workspaceId, long beforeId, int limit) {
        return jdbc.sql("""
                select * from billing_ledger where workspace_id = :ws and id < :before order by id desc limit :limit
                """)
                .param("ws", workspaceId).param("before", beforeId).param("limit", limit)
                .query((rs, n) -> new LedgerEntry(rs.getLong("id"), rs.getString("kind"),
                        rs.getBigDecimal("amount").stripTrailingZeros(),
                        rs.getBigDecimal("balance_after").stripTrailingZeros(), rs.getString("currency"),
                        rs.getString("reference"), rs.getString("description"), Db.instant(rs, "created_at")))
                .list();
    }
}
