package dev.recado.messaging;

import java.time.Instant;

/**
 * How many messages of one kind were created in one quarter hour starting at {@code from}
 * (quarter hours fold into days in any time zone, including those half or three quarters off UTC).
 */
public record MessageVolume(Instant from, String channel, String direction, MessageStatus status, long count) {
}
