package dev.recado.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A message as the log holds it, inbound or outbound. {@code deferredReason}: why it waits beyond
 * its requested time ({@code deferred_quiet_hours}), else null. {@code inReplyTo} is the outbound
 * message an inbound one answers, when the channel threads replies (email); {@code openedAt} and
 * {@code opens} come from an email's open pixel (first open, how many).
 */
public record Message(long id, long workspaceId, Long contactId, Long senderId, String direction, String channel,
        String to, String from, String body, String purpose, int priority, MessageStatus status, int segments,
        String encoding, BigDecimal price, String currency, Instant sendAt, Instant validUntil, int attempts,
        String errorCode, String errorText, Map<String, Object> metadata, String statusCallback, Long campaignId,
        Instant createdAt, Instant queuedAt, Instant sentAt, Instant deliveredAt, Instant readAt, Instant finalAt,
        String providerId, Content content, String clientRef, String deferredReason, Long inReplyTo, Instant openedAt,
        int opens) {
}
