package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.common.IdBlocks;
import dev.recado.common.PostgresCopy;
import dev.recado.common.SetStatements;
import dev.recado.messaging.spi.ProviderReceipt;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code receipt_inbox} table: receipts held, in arrival order, until they are applied. */
@Repository
class ReceiptInbox {

    record Held(long id, long senderId, ProviderReceipt receipt, Instant receivedAt) {
    }

    record Arrived(long senderId, ProviderReceipt receipt) {
    }

    private static final String COLUMNS = "sender_id, provider_id, state, error_code, error_text, done_at, received_at";
    /** Any constant: it keeps our advisory locks apart from anyone else's on the same database. */
    private static final int LOCK_SPACE = 0x52454344;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final DataSource dataSource;
    private final boolean postgres;

    ReceiptInbox(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource, IdBlocks ids) {
        this.jdbc = jdbc;
        this.template = template;
        this.dataSource = dataSource;
        this.postgres = ids.postgres();
    }

    void add(List<Arrived> receipts, Instant now) {
        if (postgres) {
            PostgresCopy.copy(dataSource, "receipt_inbox", COLUMNS, receipts, (r, row) -> row.add(r.senderId())
                    .add(r.receipt().providerId()).add(r.receipt().state().name()).add(r.receipt().errorCode())
                    .add(r.receipt().errorText()).add(r.receipt().doneAt()).add(now));
            return;
        }
        template.batchUpdate("insert into receipt_inbox (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)", receipts,
                1000, (ps, r) -> {
                    ps.setLong(1, r.senderId());
                    ps.setString(2, r.receipt().providerId());
                    ps.setString(3, r.receipt().state().name());
                    ps.setString(4, r.receipt().errorCode());
                    ps.setString(5, r.receipt().errorText());
                    ps.setObject(6, Db.ts(r.receipt().doneAt()));
                    ps.setObject(7, Db.ts(now));
                });
    }

    List<Long> senders() {
        return jdbc.sql("select distinct sender_id from receipt_inbox").query(Long.class).list();
    }

    /**
     * Within a transaction: whether this node may apply the sender's receipts now. One applier per
     * sender at a time, across nodes, because a message's parts may be split between two batches and
     * each batch must see the other's part statuses to decide the message's status. H2 runs embedded
     * in one node, whose single applier thread is already alone.
     */
    boolean lockSender(long senderId) {
        return !postgres || Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:space, :sender)")
                .param("space", LOCK_SPACE).param("sender", (int) senderId).query(Boolean.class).single());
    }

    /** The oldest held receipts of the sender, in arrival order. */
    List<Held> oldest(long senderId, int limit) {
        return jdbc.sql("""
                select id, provider_id, state, error_code, error_text, done_at, received_at from receipt_inbox
                 where sender_id = :s order by id fetch first :n rows only""")
                .param("s", senderId).param("n", limit)
                .query((rs, n) -> new Held(rs.getLong(1), senderId, new ProviderReceipt(rs.getString(2),
                        ProviderReceipt.ReceiptState.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                        Db.instant(rs, "done_at")), Db.instant(rs, "received_at")))
                .list();
    }

    /** By id, never by range: a receipt committed meanwhile with a smaller id was not read. */
    void remove(List<Held> applied) {
        if (postgres && !applied.isEmpty()) {
            SetStatements.update(template, "delete from receipt_inbox where id = any(?)",
                    (Object) applied.stream().map(Held::id).toArray(Long[]::new));
            return;
        }
        for (int from = 0; from < applied.size(); from += 1_000) {
            List<Long> ids = applied.subList(from, Math.min(applied.size(), from + 1_000)).stream().map(Held::id).toList();
            jdbc.sql("delete from receipt_inbox where id in (:ids)").param("ids", ids).update();
        }
    }

    long size() {
        return jdbc.sql("select count(*) from receipt_inbox").query(Long.class).single();
    }
}
