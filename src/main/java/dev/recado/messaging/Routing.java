package dev.recado.messaging;

import java.util.List;

/**
 * A channel order for one message: acceptance takes the first channel on which the contact has an
 * identity and consent and which carries the content; after acceptance the message moves on to the
 * next channel when it fails for good or is not delivered within {@code fallbackAfterSeconds}.
 *
 * @param fallbackAfterSeconds null for the default ({@link #DEFAULT_FALLBACK_SECONDS})
 * @param continues the route a follow-up message continues (set by the engine, null from producers)
 */
public record Routing(List<String> channels, Integer fallbackAfterSeconds, Long continues) {

    public static final int DEFAULT_FALLBACK_SECONDS = 600;
    public static final int MIN_FALLBACK_SECONDS = 1;
    public static final int MAX_FALLBACK_SECONDS = 7 * 24 * 3600;

    public Routing(List<String> channels, Integer fallbackAfterSeconds) {
        this(channels, fallbackAfterSeconds, null);
    }

    public int fallbackSeconds() {
        return fallbackAfterSeconds != null ? fallbackAfterSeconds : DEFAULT_FALLBACK_SECONDS;
    }
}
