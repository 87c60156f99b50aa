package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.common.PruningJob;
import dev.recado.common.PruningSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message charged on delivery ({@link DeliveryCharges}) keeps its reservation until a receipt
 * says delivered, read or failed; one the provider never reports would hold it forever. After
 * {@code recado.billing.unreported-release-after} (default 7 days: Meta retries a status webhook
 * it could not deliver for up to 7 days, so a status missing by then was most likely lost) such a
 * message gives its reservation back uncharged, keeps its status, and says why in its error code
 * ({@value DeliveryCharges#UNREPORTED}). A status arriving later still moves the message but
 * charges nothing: the money may have been spent since, and the settled flag is taken once, by
 * this job or by the receipt, whichever commits first. 0 turns the job off.
 *
 * <p>Once per interval across nodes ({@link PruningJob}), a batch per transaction. Candidates are
 * found per charge-on-delivery sender through the {@code (sender_id, id)} index, so messages of
 * other providers are never read; an index on status or settled would cost every status update
 * its heap-only write on PostgreSQL, hence a daily default interval instead.
 */
@Component
class UnreportedReleases extends PruningJob {

    private static final Logger log = LoggerFactory.getLogger(UnreportedReleases.class);
    static final String JOB = "unreported_release";

    private final DeliveryCharges charges;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Duration after;

    UnreportedReleases(DeliveryCharges charges, JdbcClient jdbc, TransactionTemplate tx, Clock clock,
            @Value("${recado.billing.unreported-release-after:P7D}") Duration after,
            @Value("${recado.billing.unreported-sweep-every:P1D}") Duration every, PruningSettings settings) {
        super(JOB, "unreported-releases", jdbc, clock, settings, every);
        this.charges = charges;
        this.jdbc = jdbc;
        this.tx = tx;
        this.after = after;
    }

    @Override
    protected boolean enabled() {
        return after.isPositive();
    }

    /** The messages released. */
    @Override
    protected long pruneDue(Instant now, int batch, Runnable renew) {
        List<String> providers = charges.providersChargingOnDelivery();
        if (providers.isEmpty()) {
            return 0;
        }
        Instant before = now.minus(after);
        String within = after.toSeconds() % 86_400 == 0 ? after.toDays() + " days" : after.toString();
        String why = "No delivery status from the provider within " + within + " of sending:"
                + " its reservation was given back and it is not charged";
        long released = 0;
        for (long sender : jdbc.sql("select id from senders where provider in (:p) order by id").param("p", providers)
                .query(Long.class).list()) {
            long afterId = Long.MIN_VALUE;
            List<Long> ids;
            do {
                renew.run();
                ids = jdbc.sql("""
                        select id from messages
                         where sender_id = :s and id > :after and status = 'sent' and settled = false
                           and direction = 'outbound' and sent_at < :before
                         order by id fetch first :n rows only""")
                        .param("s", sender).param("after", afterId).param("before", Db.ts(before)).param("n", batch)
                        .query(Long.class).list();
                if (!ids.isEmpty()) {
                    List<Long> found = ids;
                    Integer done = tx.execute(status -> charges.unreported(found, why, now));
                    released += done == null ? 0 : done;
                    afterId = ids.getLast();
                }
            } while (ids.size() == batch);
        }
        if (released > 0) {
            log.info("Released the reservations of {} messages charged on delivery with no status since before {}",
                    released, before);
        }
        return released;
    }
}
