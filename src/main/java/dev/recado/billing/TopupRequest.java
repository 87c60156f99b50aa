package dev.recado.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A workspace's request for credit. {@code status} is {@code pending} until the platform operator
 * credits it, then {@code credited} with the ledger line that did ({@code ledgerEntryId}).
 */
public record TopupRequest(long id, long workspaceId, BigDecimal amount, String currency, String note,
        String requestedBy, String status, Instant createdAt, Instant creditedAt, Long ledgerEntryId) {

    public static final String PENDING = "pending";
    public static final String CREDITED = "credited";

    public boolean pending() {
        return PENDING.equals(status);
    }
}
