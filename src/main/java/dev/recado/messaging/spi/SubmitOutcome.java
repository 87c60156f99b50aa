package dev.recado.messaging.spi;

import java.time.Duration;
import java.util.List;

/** The provider's answer to one submit. */
public sealed interface SubmitOutcome {

    /** Accepted: one provider id per part (an SMS split in three parts has three ids). */
    record Accepted(List<String> providerIds) implements SubmitOutcome {
    }

    /**
     * Not now (throttled, connection lost, provider busy): the engine retries with backoff.
     * {@code throttled} tells the dispatcher to slow this sender down; {@code recipientPaced} says
     * only this recipient gets too many messages (WhatsApp's pair rate): the sender's other messages
     * to that recipient wait with this one, with a growing delay, and other recipients go on.
     */
    record Transient(String code, String text, boolean throttled, Duration retryAfter, boolean recipientPaced)
            implements SubmitOutcome {

        public Transient(String code, String text, boolean throttled, Duration retryAfter) {
            this(code, text, throttled, retryAfter, false);
        }
    }

    /** Never (invalid number, rejected content): the message fails at once. */
    record Permanent(String code, String text) implements SubmitOutcome {
    }
}
