package dev.recado.messaging;

import java.time.Instant;

/** A status a message reached; analytics and campaigns count from these. */
public record MessageStatusChanged(long workspaceId, long messageId, Long campaignId, Long contactId,
        MessageStatus status, String errorCode, Instant at, String to, String statusCallback) {
}
