package dev.recado.messaging.spi;

import dev.recado.messaging.Content;
import java.time.Instant;
import java.util.List;

/**
 * A message the customer sent us (SMS MO, WhatsApp message, an email reply...). {@code content} is
 * what it says when richer than text (a button or list reply, a location), {@code text} what a
 * person reads of it. {@code userId} is a provider-scoped id of the person when the provider gives
 * one (WhatsApp's business-scoped user id), {@code profileName} the name the person shows.
 * {@code answers} are the provider ids of earlier messages it replies to, nearest first (email:
 * In-Reply-To, then References); the first one that is an outbound message of the sender is
 * recorded as its thread. {@code command} marks a command to the bot rather than words to the
 * business (Telegram's {@code /start <token>}): consent keywords are not read in it, even when it
 * spells one (START).
 */
public record ProviderInbound(String from, String to, String text, String providerId, Instant receivedAt,
        Content content, String userId, String profileName, List<String> answers, boolean command) {

    public ProviderInbound {
        answers = answers == null ? List.of() : List.copyOf(answers);
    }

    public ProviderInbound(String from, String to, String text, String providerId, Instant receivedAt) {
        this(from, to, text, providerId, receivedAt, null, null, null, List.of(), false);
    }

    /** A message with richer content and the provider's id of the person (WhatsApp). */
    public ProviderInbound(String from, String to, String text, String providerId, Instant receivedAt,
            Content content, String userId, String profileName) {
        this(from, to, text, providerId, receivedAt, content, userId, profileName, List.of(), false);
    }

    /** A reply that names what it answers (email). */
    public ProviderInbound(String from, String to, String text, String providerId, Instant receivedAt,
            List<String> answers) {
        this(from, to, text, providerId, receivedAt, null, null, null, answers, false);
    }
}
