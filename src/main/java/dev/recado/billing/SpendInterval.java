package dev.recado.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One quarter hour of a balance: what messages cost in it (positive) and the balance after its
 * last movement.
 */
public record SpendInterval(Instant from, BigDecimal spent, BigDecimal balanceAfter) {
}
