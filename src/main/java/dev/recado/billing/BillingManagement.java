package dev.recado.billing;

import dev.recado.common.ApiException;
import dev.recado.billing.internal.BillingRepository;
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
    private final Clock clock;

    BillingManagement(BillingRepository billing, Clock clock) {
        this.billing = billing;
        this.clock = clock;
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
        return billing.move(workspaceId, "credit", amount, reference,
                description == null ? "Top-up" : description, clock.instant());
    }

    public Balance balance(long workspaceId) {
        return billing.balance(workspaceId).orElseThrow(() -> ApiException.notFound("Billing account"));
    }

    public List<LedgerEntry> ledger(long workspaceId, long beforeId, int limit) {
        return billing.ledger(workspaceId, beforeId, limit);
    }
}
