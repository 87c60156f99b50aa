package dev.recado.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * One message to enqueue, as every producer states it (the API, inbound auto-replies, campaigns).
 * {@code to} is a contact id ({@code ct_…}), a phone number or an email; {@code channel} a channel
 * name or {@code auto}; {@code from} a sender id, an alphanumeric sender name or an approved number.
 * {@code idempotencyKey} and {@code clientRef} make a repeated draft answer its first result.
 */
public record MessageDraft(String to, String channel, String from, Content content, String purpose,
        Instant sendAt, Integer validitySeconds, Integer priority, Map<String, Object> metadata,
        String statusCallback, boolean smartEncoding, boolean strictlyNecessary, String idempotencyKey,
        String clientRef, Long campaignId) {

    /** A plain text message with defaults for everything else. */
    public static MessageDraft text(String to, String channel, String from, String body, String purpose) {
        return new MessageDraft(to, channel, from, new Content.Text(body), purpose, null, null, null, null, null,
                false, false, null, null, null);
    }

}
