package dev.recado.messaging;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/**
 * A status a message reached; analytics and campaigns count from these. {@code channel} is the
 * message's (whether {@code sent} is its last word, as for email, depends on it); null only in an
 * event the publication registry stored before the field existed.
 *
 * <p>Stored as an array of its values (a batch holds thousands; field names were half the text):
 * a new component goes last, so that what the registry holds from before still reads.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
public record MessageStatusChanged(long workspaceId, long messageId, Long campaignId, Long contactId,
        MessageStatus status, String errorCode, Instant at, String to, String statusCallback, String channel) {
}
