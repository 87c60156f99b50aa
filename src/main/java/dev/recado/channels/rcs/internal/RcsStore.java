package dev.recado.channels.rcs.internal;

import dev.recado.common.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the RCS channel keeps in the database so every node agrees: each number's capability answer
 * ({@code rcs_capabilities}, trusted for {@code recado.rcs.capability-ttl}, 24 h by default) and the
 * accepted messages still waiting for DELIVERED ({@code rcs_pending}), which the node that claims one
 * past its validity revokes.
 */
@Component
public class RcsStore {

    /** A message RBM accepted and whose validity ended before it was delivered. */
    record Due(String rbmId, String phone) {
    }

    static final Duration CLAIM = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration capabilityTtl;

    RcsStore(JdbcClient jdbc, Clock clock, @Value("${recado.rcs.capability-ttl:PT24H}") Duration capabilityTtl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.capabilityTtl = capabilityTtl;
    }

    /** How long a capability answer is trusted before RBM is asked again. */
    public Duration capabilityTtl() {
        return capabilityTtl;
    }

    /** The last answer for the number while younger than the TTL; empty when RBM must be asked. */
    Optional<Boolean> capable(String agentId, String phone) {
        return jdbc.sql("select capable from rcs_capabilities where agent_id = :agent and phone = :phone and checked_at > :since")
                .param("agent", agentId).param("phone", phone).param("since", Db.ts(clock.instant().minus(capabilityTtl)))
                .query(Boolean.class).optional();
    }

    void recordCapability(String agentId, String phone, boolean capable) {
        Instant now = clock.instant();
        int updated = jdbc.sql("update rcs_capabilities set capable = :capable, checked_at = :now where agent_id = :agent and phone = :phone")
                .param("capable", capable).param("now", Db.ts(now)).param("agent", agentId).param("phone", phone).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into rcs_capabilities (agent_id, phone, capable, checked_at) values (:agent, :phone, :capable, :now)
                    on conflict do nothing""")
                    .param("agent", agentId).param("phone", phone).param("capable", capable).param("now", Db.ts(now)).update();
        }
    }

    /** Once RBM accepted the message; a retry of the same message id finds the row already there. */
    void pending(long senderId, String rbmId, String phone, Instant expiresAt) {
        jdbc.sql("""
                insert into rcs_pending (sender_id, rbm_id, phone, expires_at) values (:sender, :id, :phone, :expires)
                on conflict do nothing""")
                .param("sender", senderId).param("id", rbmId).param("phone", phone).param("expires", Db.ts(expiresAt)).update();
    }

    /** Delivered, read or revoked: nothing left to revoke. */
    void settled(long senderId, String rbmId) {
        jdbc.sql("delete from rcs_pending where sender_id = :sender and rbm_id = :id").param("sender", senderId)
                .param("id", rbmId).update();
    }

    /**
     * Claims up to {@code limit} of the sender's messages past their validity, each by a guarded update
     * so that of several nodes only one revokes it; a node that dies mid-revoke lets the claim lapse.
     */
    List<Due> claimDue(long senderId, int limit) {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                select rbm_id, phone from rcs_pending
                 where sender_id = :sender and expires_at <= :now and (claimed_until is null or claimed_until < :now)
                 order by expires_at limit :limit""")
                .param("sender", senderId).param("now", Db.ts(now)).param("limit", limit)
                .query((rs, n) -> new Due(rs.getString(1), rs.getString(2))).list();
        return due.stream().filter(d -> jdbc.sql("""
                update rcs_pending set claimed_until = :until
                 where sender_id = :sender and rbm_id = :id and (claimed_until is null or claimed_until < :now)""")
                .param("until", Db.ts(now.plus(CLAIM))).param("sender", senderId).param("id", d.rbmId())
                .param("now", Db.ts(now)).update() == 1).toList();
    }
}
