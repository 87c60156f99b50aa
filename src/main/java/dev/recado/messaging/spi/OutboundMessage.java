package dev.recado.messaging.spi;

import java.time.Instant;

/**
 * What a provider needs to send one message. {@code reference} is ours, unique per message and
 * stable across retries, so a provider that can look it up lets us reconcile after a crash.
 */
public record OutboundMessage(long messageId, String reference, String to, String from, String body,
        boolean smartEncoding, Instant validUntil, boolean requestReceipt) {
}
