package dev.recado.messaging;

import java.time.Instant;

/** Which messages a list shows; nulls mean "any". The creation range is [createdFrom, createdBefore). */
public record MessageFilter(MessageStatus status, String channel, Long contactId, Long campaignId, String direction,
        Instant createdFrom, Instant createdBefore) {

    public MessageFilter(MessageStatus status, String channel, Long contactId, Long campaignId, String direction) {
        this(status, channel, contactId, campaignId, direction, null, null);
    }
}
