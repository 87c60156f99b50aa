package dev.recado.console.internal;

import dev.recado.messaging.Content;
import dev.recado.messaging.MessageDraft;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The console's send form: to one person ({@code to}), to everyone with a tag, or to a pasted
 * list of numbers; with a sender, a time to send and a validity. Each rendering carries a fresh
 * idempotency key, so a double click or a resubmitted page sends each message once.
 */
record SendForm(String mode, String to, String tag, String numbers, String body, String purpose, String sender,
        String sendAt, String validity, String smartEncoding, String idempotencyKey) {

    static final String ONE = "one";
    static final String TAG = "tag";
    static final String LIST = "list";

    static SendForm blank() {
        return new SendForm(ONE, null, null, null, null, "transactional", null, null, null, null,
                "console-" + UUID.randomUUID());
    }

    public String modeOrOne() {
        return TAG.equals(mode) || LIST.equals(mode) ? mode : ONE;
    }

    boolean many() {
        return !ONE.equals(modeOrOne());
    }

    public boolean smart() {
        return smartEncoding != null && !smartEncoding.isBlank();
    }

    /** The message for one recipient, with its idempotency key. */
    MessageDraft toDraft(String recipient, ZoneId zone, String key) {
        return new MessageDraft(ContactForm.blankToNull(recipient), "sms", ContactForm.blankToNull(sender),
                body == null || body.isEmpty() ? null : new Content.Text(body), ContactForm.blankToNull(purpose),
                sendAtIn(zone), validitySeconds(), null, null, null, smart(), false, key, null, null);
    }

    MessageDraft toDraft(ZoneId zone) {
        return toDraft(to, zone, key());
    }

    /** A form posted without its key (a hand-made request) is sent without idempotency. */
    String key() {
        return ContactForm.blankToNull(idempotencyKey);
    }

    /** Each recipient of a batch gets its own key, so a resubmitted batch sends nobody twice. */
    String key(String recipient) {
        String key = key();
        return key == null ? null : key + ":" + recipient;
    }

    /** The datetime-local field read in the workspace's zone; blank or unreadable means now. */
    Instant sendAtIn(ZoneId zone) {
        try {
            return sendAt == null || sendAt.isBlank() ? null : LocalDateTime.parse(sendAt.strip()).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    Integer validitySeconds() {
        try {
            return validity == null || validity.isBlank() ? null : Integer.valueOf(validity.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
