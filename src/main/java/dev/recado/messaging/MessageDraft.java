package dev.recado.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * One message to enqueue, as every producer states it (the API, inbound auto-replies, campaigns).
 * {@code to} is a contact id ({@code ct_…}), a phone number or an email; {@code channel} a channel
 * name or {@code auto}; {@code from} a sender id, an alphanumeric sender name or an approved number.
 * {@code idempotencyKey} and {@code clientRef} make a repeated draft answer its first result.
 * {@code routing}, when given, replaces {@code channel} with an order of channels to try ({@link Routing}).
 */
public record MessageDraft(String to, String channel, String from, Content content, String purpose,
        Instant sendAt, Integer validitySeconds, Integer priority, Map<String, Object> metadata,
        String statusCallback, boolean smartEncoding, boolean strictlyNecessary, String idempotencyKey,
        String clientRef, Long campaignId, Routing routing) {

    /** A draft on one channel ({@code channel}), as before channel orders existed. */
    public MessageDraft(String to, String channel, String from, Content content, String purpose, Instant sendAt,
            Integer validitySeconds, Integer priority, Map<String, Object> metadata, String statusCallback,
            boolean smartEncoding, boolean strictlyNecessary, String idempotencyKey, String clientRef, Long campaignId) {
        this(to, channel, from, content, purpose, sendAt, validitySeconds, priority, metadata, statusCallback,
                smartEncoding, strictlyNecessary, idempotencyKey, clientRef, campaignId, null);
    }

    /** The same draft with a channel order instead of one channel. */
    public MessageDraft routed(Routing order) {
        return new MessageDraft(to, null, from, content, purpose, sendAt, validitySeconds, priority, metadata,
                statusCallback, smartEncoding, strictlyNecessary, idempotencyKey, clientRef, campaignId, order);
    }

    /** A plain text message with defaults for everything else. */
    public static MessageDraft text(String to, String channel, String from, String body, String purpose) {
        return new MessageDraft(to, channel, from, new Content.Text(body), purpose, null, null, null, null, null,
                false, false, null, null, null);
    }

}
