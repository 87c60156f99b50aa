package dev.recado.messaging.spi;

import dev.recado.messaging.Content;
import java.time.Instant;

/**
 * A message the customer sent us (SMS MO, WhatsApp message...). {@code content} is what it says when
 * richer than text (a button or list reply, a location), {@code text} what a person reads of it.
 * {@code userId} is a provider-scoped id of the person when the provider gives one (WhatsApp's
 * business-scoped user id), {@code profileName} the name the person shows.
 */
public record ProviderInbound(String from, String to, String text, String providerId, Instant receivedAt,
        Content content, String userId, String profileName) {

    public ProviderInbound(String from, String to, String text, String providerId, Instant receivedAt) {
        this(from, to, text, providerId, receivedAt, null, null, null);
    }
}
