package dev.recado.billing.internal;

import dev.recado.billing.Balance;
import dev.recado.billing.LedgerEntry;
import dev.recado.billing.SpendInterval;
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
            String reference, String description, Integer quantity, Instant now) {
        jdbc.sql("update billing_accounts set balance = balance + :amount, reserved = reserved - :released where workspace_id = :ws")
                .param("amount", amount).param("released", fromReserved).param("ws", workspaceId).update();
        var account = jdbc.sql("select balance, currency from billing_accounts where workspace_id = :ws")
                .param("ws", workspaceId)
                .query((rs, n) -> new Object[] {rs.getBigDecimal(1), rs.getString(2)}).single();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into billing_ledger (workspace_id, kind, amount, balance_after, currency, reference, description,
                                            quantity, created_at)
                values (:ws, :kind, :amount, :after, :cur, :ref, :desc, :qty, :now)
                """)
                .param("ws", workspaceId).param("kind", kind).param("amount", amount).param("after", account[0])
                .param("cur", account[1]).param("ref", reference).param("desc", description).param("qty", quantity)
                .param("now", Db.ts(now))
                .update(keys, "id");
        return new LedgerEntry(keys.getKey().longValue(), kind, amount, (BigDecimal) account[0], (String) account[1],
                reference, description, quantity, now);
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
                        rs.getString("reference"), rs.getString("description"),
                        rs.getObject("quantity", Integer.class), Db.instant(rs, "created_at")))
                .list();
    }

    /** Per quarter hour with movements: usage summed, and the balance its last line left. */
    public List<SpendInterval> spend(long workspaceId, Instant from, Instant to) {
        return jdbc.sql("""
                -- name: spend-per-quarter-hour
                select q.quarter, q.spent, l.balance_after
                  from (select floor(extract(epoch from created_at) / 900) as quarter,
                               sum(case when kind = 'usage' then -amount else 0 end) as spent, max(id) as last_id
                          from billing_ledger
                         where workspace_id = :ws and created_at >= :from and created_at < :to
                         group by floor(extract(epoch from created_at) / 900)) q
                  join billing_ledger l on l.id = q.last_id
                 order by q.quarter
                """)
                .param("ws", workspaceId).param("from", Db.ts(from)).param("to", Db.ts(to))
                .query((rs, n) -> new SpendInterval(Instant.ofEpochSecond(rs.getLong(1) * 900),
                        rs.getBigDecimal(2).stripTrailingZeros(), rs.getBigDecimal(3).stripTrailingZeros()))
                .list();
    }

    public BigDecimal balanceBefore(long workspaceId, Instant at) {
        return jdbc.sql("""
                select balance_after from billing_ledger where workspace_id = :ws and created_at < :at
                 order by id desc fetch first 1 rows only
                """)
                .param("ws", workspaceId).param("at", Db.ts(at)).query(BigDecimal.class).optional()
                .map(BigDecimal::stripTrailingZeros).orElse(BigDecimal.ZERO);
    }
}
