package dev.recado.messaging;

import java.util.Locale;

/**
 * The life of a message. Each status has a rank; a status change is applied only if it moves
 * forward, so a late "delivered" after "read" changes nothing, and a "read" implies delivery.
 * Final statuses end the message; among them only delivery reports may still refine it
 * ({@code sent -> delivered -> read}; {@code sent -> undelivered}).
 */
public enum MessageStatus {
    ACCEPTED(0, false),
    SCHEDULED(1, false),
    QUEUED(2, false),
    SENDING(3, false),
    SENT(4, false),
    DELIVERED(5, false),
    READ(6, true),
    FAILED(7, true),
    UNDELIVERED(7, true),
    EXPIRED(7, true),
    REJECTED(7, true),
    CANCELED(7, true),
    RECEIVED(8, true);

    private final int rank;
    private final boolean terminal;

    MessageStatus(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }

    /** Whether moving from this status to {@code next} is progress (and so applied). */
    public boolean canBecome(MessageStatus next) {
        if (this == next || terminal) {
            return false;
        }
        if (this == DELIVERED) {
            return next == READ;
        }
        if (next == RECEIVED || this == RECEIVED) {
            return false;
        }
        // a retry puts a message that was being sent back in the queue
        if (this == SENDING && next == QUEUED) {
            return true;
        }
        return next.rank > rank;
    }

    /** A status the engine can still stop before it reaches the provider. */
    public boolean cancelable() {
        return this == SCHEDULED || this == QUEUED || this == ACCEPTED;
    }

    public static MessageStatus wire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
