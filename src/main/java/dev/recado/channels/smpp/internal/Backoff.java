package dev.recado.channels.smpp.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: doubling from {@code min}, capped at {@code max}, each drawn from the upper half
 * of its step so that many senders cut off by one SMSC restart do not all rebind in the same instant.
 */
public record Backoff(Duration min, Duration max) {

    /** The delay before attempt {@code attempt} (0 for the first retry); {@code random} in [0, 1). */
    public Duration delay(int attempt, DoubleSupplier random) {
        long minMs = min.toMillis();
        long step = minMs << Math.min(Math.max(attempt, 0), 20);
        long capped = Math.min(step, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (capped - half)));
    }
}
