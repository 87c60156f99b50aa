package dev.recado.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One movement of a balance. {@code description} is the English line the API shows; a reader's
 * own words come from {@code kind} and {@code quantity} (how many messages a usage line charges).
 */
public record LedgerEntry(long id, String kind, BigDecimal amount, BigDecimal balanceAfter, String currency,
        String reference, String description, Integer quantity, Instant createdAt) {
}
