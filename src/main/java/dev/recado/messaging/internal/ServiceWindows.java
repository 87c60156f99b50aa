package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.common.SetStatements;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Customer service windows (WhatsApp: 24 hours from the customer's last message to the number).
 * Only the customer's inbound messages open or refresh one; acceptance asks which contacts of a
 * batch are inside before it takes free-form content for a channel whose capabilities need it.
 * Stored in the database, so every node answers the same.
 */
@Component
class ServiceWindows {

    static final Duration LENGTH = Duration.ofHours(24);

    private final JdbcClient jdbc;

    ServiceWindows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the inbound message's transaction; a late (older) message never moves the window back. */
    void customerWrote(long senderId, long contactId, Instant at) {
        int updated = jdbc.sql("""
                update service_windows set last_inbound_at = :at
                 where sender_id = :sender and contact_id = :contact and last_inbound_at < :at""")
                .param("at", Db.ts(at)).param("sender", senderId).param("contact", contactId).update();
        if (updated == 0) {
            // absent, or already as recent; a concurrent first message of the same customer wins the insert
            jdbc.sql("""
                    insert into service_windows (sender_id, contact_id, last_inbound_at)
                    values (:sender, :contact, :at) on conflict do nothing""")
                    .param("at", Db.ts(at)).param("sender", senderId).param("contact", contactId).update();
        }
    }

    /** The contacts among {@code contactIds} whose window with this sender is open at {@code now}. */
    Set<Long> open(long senderId, Collection<Long> contactIds, Instant now) {
        if (contactIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                select contact_id from service_windows
                 where sender_id = :sender and contact_id = any(:contacts) and last_inbound_at > :since""")
                .param("sender", senderId).param("contacts", SetStatements.bigints(contactIds)).param("since", Db.ts(now.minus(LENGTH)))
                .query(Long.class).list());
    }
}
