package dev.recado.billing.internal;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Money promised to accepted messages that are not yet settled, kept in memory per workspace.
 * Reserving against one database row per workspace would serialise every accepted message behind
 * that row's lock; here a reservation is a compare-and-add. The book is rebuilt at start from the
 * unsettled messages themselves, so a crash loses nothing.
 */
@Component
public class ReservationBook {

    private final Map<Long, BigDecimal> reserved = new ConcurrentHashMap<>();

    /** Reserves if {@code balance - reserved >= amount}; the balance is read only when needed. */
    public boolean tryReserve(long workspaceId, BigDecimal amount, Function<Long, BigDecimal> balanceOf) {
        boolean[] ok = {false};
        reserved.compute(workspaceId, (ws, current) -> {
            BigDecimal now = current == null ? BigDecimal.ZERO : current;
            if (balanceOf.apply(ws).subtract(now).compareTo(amount) >= 0) {
                ok[0] = true;
                return now.add(amount);
            }
            return now;
        });
        return ok[0];
    }

    public void release(long workspaceId, BigDecimal amount) {
        reserved.merge(workspaceId, amount.negate(), BigDecimal::add);
    }

    public BigDecimal reserved(long workspaceId) {
        return reserved.getOrDefault(workspaceId, BigDecimal.ZERO);
    }

    public void restore(Map<Long, BigDecimal> outstanding) {
        reserved.clear();
        reserved.putAll(outstanding);
    }
}
