package dev.recado.channels.email.internal;

import dev.recado.common.Db;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where each sender's IMAP folders were read up to ({@code email_mailboxes}: the folder's
 * UIDVALIDITY and the last UID handled), and which node reads them: every node opens every sender,
 * but only the holder of a folder's lease polls it. A node that dies stops renewing, and another
 * takes the folder over from the stored position once the lease lapses.
 */
@Component
public class MailboxCursors {

    /** A folder's read position; a new UIDVALIDITY means the UIDs were renumbered and reading starts over. */
    record Position(long uidValidity, long lastUid) {
    }

    static final Duration LEASE = Duration.ofSeconds(90);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String node;

    MailboxCursors(JdbcClient jdbc, Clock clock, @Value("${recado.node-id:}") String nodeId) {
        this.jdbc = jdbc;
        this.clock = clock;
        // random per start, as the campaign runner's: a restarted node must not inherit its old leases blindly
        this.node = (nodeId.isBlank() ? "node" : nodeId) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Takes or renews the lease on the folder; true when this node holds it now. */
    boolean lease(long senderId, String folder) {
        var now = clock.instant();
        jdbc.sql("insert into email_mailboxes (sender_id, folder) values (:sender, :folder) on conflict do nothing")
                .param("sender", senderId).param("folder", folder).update();
        return jdbc.sql("""
                update email_mailboxes set lease_owner = :node, lease_until = :until
                 where sender_id = :sender and folder = :folder
                   and (lease_owner is null or lease_owner = :node or lease_until < :now)""")
                .param("node", node).param("until", Db.ts(now.plus(LEASE))).param("now", Db.ts(now))
                .param("sender", senderId).param("folder", folder).update() == 1;
    }

    Position position(long senderId, String folder) {
        return jdbc.sql("select uid_validity, last_uid from email_mailboxes where sender_id = :sender and folder = :folder")
                .param("sender", senderId).param("folder", folder)
                .query((rs, n) -> new Position(rs.getLong(1), rs.getLong(2))).optional().orElse(new Position(0, 0));
    }

    /** Moves the position on, only while this node still holds the lease; false when it lost it. */
    boolean advance(long senderId, String folder, long uidValidity, long lastUid) {
        return jdbc.sql("""
                update email_mailboxes set uid_validity = :validity, last_uid = :uid
                 where sender_id = :sender and folder = :folder and lease_owner = :node""")
                .param("validity", uidValidity).param("uid", lastUid).param("sender", senderId).param("folder", folder)
                .param("node", node).update() == 1;
    }

    /** Lets another node take the folder at once (the sender was closed here). */
    void release(long senderId, String folder) {
        jdbc.sql("""
                update email_mailboxes set lease_owner = null, lease_until = null
                 where sender_id = :sender and folder = :folder and lease_owner = :node""")
                .param("sender", senderId).param("folder", folder).param("node", node).update();
    }
}
