package dev.recado.messaging;

import java.time.Instant;

/**
 * A status a message reached; analytics and campaigns count from these. {@code channel} is the
 * message's (whether {@code sent} is its last word, as for email, depends on it); null only in an
 * event the publication registry stored before the field existed.
 */
public record MessageStatusChanged(long workspaceId, long messageId, Long campaignId, Long contactId,
        MessageStatus status, String errorCode, Instant at, String to, String statusCallback, String channel) {
}
