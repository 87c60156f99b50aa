package dev.recado.messaging.spi;

import java.time.Instant;

/** A message the customer sent us (SMS MO, WhatsApp message...). */
public record ProviderInbound(String from, String to, String text, String providerId, Instant receivedAt) {
}
