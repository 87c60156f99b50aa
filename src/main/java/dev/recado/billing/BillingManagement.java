package dev.recado.billing;

import dev.recado.common.ApiException;
import dev.recado.billing.internal.BillingRepository;
import dev.recado.billing.internal.ReservationBook;
import dev.recado.workspace.WorkspaceCreated;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The billing module's front: balances move only through here, each move with a ledger line. */
@Service
public class BillingManagement {

    private static final BigDecimal MAX_CREDIT = new BigDecimal("1000000");

    private final BillingRepository billing;
    private final ReservationBook reservations;
    private final Clock clock;
    /** Settled balances cached per workspace; every change of the balance goes through this class. */
    private final java.util.Map<Long, BigDecimal> balances = new java.util.concurrent.ConcurrentHashMap<>();

    BillingManagement(BillingRepository billing, ReservationBook reservations, Clock clock) {
        this.billing = billing;
        this.reservations = reservations;
        this.clock = clock;
    }

    /** Holds {@code amount} for an accepted message; false when the available balance is short. */
    public boolean reserve(long workspaceId, BigDecimal amount) {
        if (amount.signum() == 0) {
            return true;
        }
        return reservations.tryReserve(workspaceId, amount, ws -> balances.computeIfAbsent(ws,
                id -> billing.balance(id).map(Balance::balance).orElse(BigDecimal.ZERO)));
    }

    /** Gives back a reservation whose message never reached the provider (failed, expired, canceled). */
    public void release(long workspaceId, BigDecimal amount) {
        if (amount.signum() != 0) {
            reservations.release(workspaceId, amount);
        }
    }

    /**
     * Charges what providers accepted: one balance update and one ledger line per workspace and
     * batch, in the caller's transaction. The reservation is released only after commit.
     */
    @Transactional
    public void settle(long workspaceId, BigDecimal amount, int messages) {
        if (amount.signum() == 0) {
            return;
        }
        billing.move(workspaceId, "usage", amount.negate(), null, messages + (messages == 1 ? " message" : " messages"),
                messages, clock.instant());
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        balances.merge(workspaceId, amount.negate(), BigDecimal::add);
                        reservations.release(workspaceId, amount);
                    }
                });
    }

    /** At start: what accepted but unsettled messages still hold, per workspace. */
    public void restoreReservations(java.util.Map<Long, BigDecimal> outstanding) {
        balances.clear();
        reservations.restore(outstanding);
    }

    /** In the creating transaction: a workspace never exists without its account and trial credit. */
    @EventListener
    void on(WorkspaceCreated created) {
        billing.open(created.workspaceId(), created.currency());
        if (created.trialCredit().signum() > 0) {
            billing.move(created.workspaceId(), "trial", created.trialCredit(), null, "Trial credit", clock.instant());
        }
    }

    @Transactional
    public LedgerEntry credit(long workspaceId, BigDecimal amount, String reference, String description) {
        if (amount == null || amount.signum() <= 0 || amount.compareTo(MAX_CREDIT) > 0 || amount.scale() > 6) {
            throw ApiException.invalid("amount", "must be a positive amount up to 1000000 with at most 6 decimals");
        }
        if (reference != null && reference.length() > 200) {
            throw ApiException.invalid("reference", "must be at most 200 characters");
        }
        LedgerEntry entry = billing.move(workspaceId, "credit", amount, reference,
                description == null ? "Top-up" : description, clock.instant());
        balances.remove(workspaceId);
        return entry;
    }

    public Balance balance(long workspaceId) {
        Balance stored = billing.balance(workspaceId).orElseThrow(() -> ApiException.notFound("Billing account"));
        BigDecimal reserved = reservations.reserved(workspaceId);
        return new Balance(stored.balance(), reserved.stripTrailingZeros(),
                stored.balance().subtract(reserved).stripTrailingZeros(), stored.currency());
    }

    /** Spend and balance per quarter hour with a movement in [from, to), for reports. */
    public List<SpendInterval> spend(long workspaceId, java.time.Instant from, java.time.Instant to) {
        return billing.spend(workspaceId, from, to);
    }

    /** The settled balance just before {@code at} (zero before the first movement). */
    public BigDecimal balanceBefore(long workspaceId, java.time.Instant at) {
        return billing.balanceBefore(workspaceId, at);
    }

    public List<LedgerEntry> ledger(long workspaceId, long beforeId, int limit) {
        return billing.ledger(workspaceId, beforeId, limit);
    }
}
