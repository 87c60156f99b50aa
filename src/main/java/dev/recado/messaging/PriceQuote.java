package dev.recado.messaging;

import java.math.BigDecimal;

public record PriceQuote(BigDecimal perSegment, BigDecimal total, String currency, String prefix) {
}
