package dev.recado.billing;

import java.math.BigDecimal;

/** {@code available} is what new messages may still reserve. */
public record Balance(BigDecimal balance, BigDecimal reserved, BigDecimal available, String currency) {
}
