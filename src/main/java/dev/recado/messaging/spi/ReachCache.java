package dev.recado.messaging.spi;

import java.time.Duration;

/**
 * Where a provider that learns per destination whether it can be reached (RCS's capability check)
 * keeps its answers for a sender, so an estimate can read them for a whole audience at once instead
 * of asking the provider: {@code rcs_capabilities} rows of agent {@code key}, each trusted for
 * {@code trustedFor} after it was checked.
 */
public record ReachCache(String key, Duration trustedFor) {
}
