package dev.recado.messaging.spi;

import dev.recado.messaging.Content;
import java.time.Instant;

/**
 * What a provider needs to send one message. {@code reference} is ours, unique per message and
 * stable across retries, so a provider that can look it up lets us reconcile after a crash.
 * {@code body} is the content's text (what an SMS sends); channels with richer content read
 * {@code content}. {@code purpose} ({@code transactional}, {@code marketing}) lets a channel add what
 * marketing needs, such as email's one-click unsubscribe headers. {@code openPixelUrl}, when set, is
 * the image an HTML email embeds so its opening is recorded.
 */
public record OutboundMessage(long messageId, String reference, String to, String from, String body,
        boolean smartEncoding, Instant validUntil, boolean requestReceipt, Content content, String purpose,
        String openPixelUrl) {

    public OutboundMessage(long messageId, String reference, String to, String from, String body,
            boolean smartEncoding, Instant validUntil, boolean requestReceipt, Content content, String purpose) {
        this(messageId, reference, to, from, body, smartEncoding, validUntil, requestReceipt, content, purpose, null);
    }

    /** The same message carrying the URL of its open pixel (marketing HTML email). */
    public OutboundMessage withOpenPixel(String url) {
        return new OutboundMessage(messageId, reference, to, from, body, smartEncoding, validUntil, requestReceipt,
                content, purpose, url);
    }

    public OutboundMessage(long messageId, String reference, String to, String from, String body,
            boolean smartEncoding, Instant validUntil, boolean requestReceipt, Content content) {
        this(messageId, reference, to, from, body, smartEncoding, validUntil, requestReceipt, content, "transactional");
    }

    public OutboundMessage(long messageId, String reference, String to, String from, String body,
            boolean smartEncoding, Instant validUntil, boolean requestReceipt) {
        this(messageId, reference, to, from, body, smartEncoding, validUntil, requestReceipt, new Content.Text(body));
    }
}
