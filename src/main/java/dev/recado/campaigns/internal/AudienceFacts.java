package dev.recado.campaigns.internal;

import dev.recado.common.Db;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the review needs to know of each contact, as the bits of one SQL number (over
 * {@code contacts c}): for each channel of the order (bit = its index) whether it has an identity
 * and consent for the purpose; then, one bit each, whether the contact's service window with a
 * sender is open, and whether a provider's capability cache knows the number as reachable or as
 * not. The scan groups by this number, so contacts alike in every fact are decided once, in Java,
 * the way acceptance decides (sender routing included), which no SQL expression written apart could
 * follow.
 */
final class AudienceFacts {

    /** A bit per fact must fit one signed 64-bit number. */
    private static final int MAX_BITS = 62;

    private final StringBuilder sql = new StringBuilder("0");
    private final List<Object> params = new ArrayList<>();
    private final Map<String, Long> bits = new HashMap<>();
    private int used;

    AudienceFacts(List<String> channels, String purpose) {
        for (String channel : channels) {
            add(FirstChannel.reaches(channel, purpose, params), List.of());
        }
    }

    static boolean reaches(long facts, int channel) {
        return (facts & (1L << channel)) != 0;
    }

    /** The bit set when the contact wrote to {@code senderId} after {@code openAfter}. */
    long window(long senderId, Instant openAfter) {
        return bits.computeIfAbsent("window/" + senderId, k -> add("exists (select 1 from service_windows w"
                + " where w.sender_id = ? and w.contact_id = c.id and w.last_inbound_at > ?)",
                List.of(senderId, Db.ts(openAfter))));
    }

    /** The bit set when the provider's answer under {@code key} newer than {@code since} says the number is (or is not) reachable. */
    long reach(String key, Instant since, boolean capable) {
        return bits.computeIfAbsent("reach/" + capable + "/" + key, k -> add("exists (select 1 from rcs_capabilities k"
                + " where k.agent_id = ? and k.phone = c.phone and k.checked_at > ? and k.capable = ?)",
                List.of(key, Db.ts(since), capable)));
    }

    String sql() {
        return sql.toString();
    }

    List<Object> params() {
        return params;
    }

    private long add(String condition, List<Object> conditionParams) {
        if (used == MAX_BITS) {
            throw new IllegalStateException("more than " + MAX_BITS + " facts for one review");
        }
        long bit = 1L << used++;
        sql.append(" + case when ").append(condition).append(" then ").append(bit).append(" else 0 end");
        params.addAll(conditionParams);
        return bit;
    }
}
