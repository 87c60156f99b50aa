package dev.recado.billing;

import dev.recado.common.ApiException;
import dev.recado.billing.internal.BillingRepository;
import dev.recado.billing.internal.TopupRequestRepository;
import dev.recado.common.PublicId;
import dev.recado.workspace.WorkspaceCreated;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The billing module's front: balances move only through here, each move with a ledger line.
 * Reservations are held on the workspace's account row in the caller's transaction: they commit or
 * roll back with the messages they pay for, survive any restart, and are shared by every node.
 */
@Service
public class BillingManagement {

    private static final BigDecimal MAX_CREDIT = new BigDecimal("1000000");

    private final BillingRepository billing;
    private final TopupRequestRepository topups;
    private final Clock clock;

    BillingManagement(BillingRepository billing, TopupRequestRepository topups, Clock clock) {
        this.billing = billing;
        this.topups = topups;
        this.clock = clock;
    }

    /** Which of {@code amounts} the available balance covers, in order, and their total. */
    public record ReservationPlan(boolean[] reserved, BigDecimal total) {
    }

    /**
     * Decides a reservation without holding anything: with {@code lock} the account row is locked
     * until the transaction ends (nobody can take the money meanwhile); without, the caller must
     * {@link #confirm} the total as its transaction's last write, and start over with the lock if
     * the money went elsewhere meanwhile. Writers that hold the lock only for that last statement
     * can share one workspace's balance in parallel.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ReservationPlan planReservation(long workspaceId, List<BigDecimal> amounts, boolean lock) {
        boolean[] reserved = new boolean[amounts.size()];
        var account = (lock ? billing.lock(workspaceId) : billing.read(workspaceId)).orElse(null);
        if (account == null) {
            return new ReservationPlan(reserved, BigDecimal.ZERO);
        }
        BigDecimal available = account.balance().subtract(account.reserved());
        BigDecimal taken = BigDecimal.ZERO;
        for (int i = 0; i < amounts.size(); i++) {
            BigDecimal amount = amounts.get(i);
            if (amount.signum() == 0 || available.subtract(taken).compareTo(amount) >= 0) {
                reserved[i] = true;
                taken = taken.add(amount);
            }
        }
        return new ReservationPlan(reserved, taken);
    }

    /**
     * Reserves {@code total} as planned: with a locked plan it always succeeds; an unlocked one fails
     * (and reserves nothing) when the available balance no longer covers it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean confirm(long workspaceId, BigDecimal total) {
        return total.signum() == 0 || billing.addReservedIfAvailable(workspaceId, total);
    }

    /**
     * Gives back what messages that never reached the provider had reserved (failed, expired,
     * canceled), in the transaction that ends them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(long workspaceId, BigDecimal amount) {
        if (amount.signum() != 0) {
            billing.addReserved(workspaceId, amount.negate());
        }
    }

    /**
     * Charges what providers accepted: one balance update and one ledger line (its reference and
     * description say what it covers), in the caller's transaction, turning the messages'
     * reservations into the charge.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void settle(long workspaceId, BigDecimal amount, String reference, String description, int messages) {
        if (amount.signum() == 0) {
            return;
        }
        billing.move(workspaceId, "usage", amount.negate(), amount, reference, description, messages, clock.instant());
    }

    /** In the creating transaction: a workspace never exists without its account and trial credit. */
    @EventListener
    void on(WorkspaceCreated created) {
        billing.open(created.workspaceId(), created.currency());
        if (created.trialCredit().signum() > 0) {
            billing.move(created.workspaceId(), "trial", created.trialCredit(), BigDecimal.ZERO, null, "Trial credit", null,
                    clock.instant());
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
        // a reference naming one of the workspace's top-up requests settles it, once
        var request = PublicId.parse(TopupRequests.PREFIX, reference).flatMap(id -> topups.find(workspaceId, id));
        if (request.isPresent() && !request.get().pending()) {
            throw ApiException.conflict("topup_not_pending", "This top-up request was credited already", null);
        }
        var entry = billing.move(workspaceId, "credit", amount, BigDecimal.ZERO, reference,
                description == null ? "Top-up" : description, null, clock.instant());
        if (request.isPresent() && !topups.markCredited(request.get().id(), entry.id(), clock.instant())) {
            // credited by a concurrent call meanwhile: this transaction's credit rolls back
            throw ApiException.conflict("topup_not_pending", "This top-up request was credited already", null);
        }
        return entry;
    }

    public Balance balance(long workspaceId) {
        return billing.balance(workspaceId).orElseThrow(() -> ApiException.notFound("Billing account"));
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
