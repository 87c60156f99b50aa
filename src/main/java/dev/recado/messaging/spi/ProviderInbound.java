package dev.recado.messaging.spi;

import java.time.Instant;
import java.util.List;

/**
 * A message the customer sent us (SMS MO, WhatsApp message, an email reply...). {@code answers} are
 * the provider ids of earlier messages it replies to, nearest first (email: In-Reply-To, then
 * References); the first one that is an outbound message of the sender is recorded as its thread.
 */
public record ProviderInbound(String from, String to, String text, String providerId, Instant receivedAt,
        List<String> answers) {

    public ProviderInbound(String from, String to, String text, String providerId, Instant receivedAt) {
        this(from, to, text, providerId, receivedAt, List.of());
    }
}
