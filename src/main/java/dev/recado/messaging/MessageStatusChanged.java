package dev.recado.messaging;

import java.time.Instant;

/** Published for every status a message reaches; analytics and campaigns count from these. */
public record MessageStatusChanged(long workspaceId, long messageId, Long campaignId, Long contactId,
        MessageStatus status, String errorCode, Instant at) {
}
