package dev.recado.billing;

import java.math.BigDecimal;
import java.time.Instant;

public record LedgerEntry(long id, String kind, BigDecimal amount, BigDecimal balanceAfter, String currency,
        String reference, String description, Instant createdAt) {
}
