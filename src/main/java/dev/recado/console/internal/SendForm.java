package dev.recado.console.internal;

import dev.recado.messaging.SendRequest;
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

    /** The request for one recipient; {@code n} numbers the recipients of a batch for their keys. */
    SendRequest toRequest(String recipient, ZoneId zone) {
        return new SendRequest(ContactForm.blankToNull(recipient), "sms", ContactForm.blankToNull(sender),
                body == null || body.isEmpty() ? null : body, null, ContactForm.blankToNull(purpose),
                sendAtIn(zone), validitySeconds(), null, null, null, smart() ? Boolean.TRUE : null, null);
    }

    SendRequest toRequest(ZoneId zone) {
        return toRequest(to, zone);
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
