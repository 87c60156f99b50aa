package dev.recado.console.internal;

import dev.recado.messaging.SendRequest;
import java.util.UUID;

/**
 * The console's "send an SMS" form. Each rendering carries a fresh idempotency key, so a double
 * click or a resubmitted page sends the message once.
 */
record SendForm(String to, String body, String purpose, String idempotencyKey) {

    static SendForm blank() {
        return new SendForm(null, null, "transactional", "console-" + UUID.randomUUID());
    }

    SendRequest toRequest() {
        return new SendRequest(ContactForm.blankToNull(to), "sms", null, body == null || body.isEmpty() ? null : body,
                null, ContactForm.blankToNull(purpose), null, null, null, null, null, null, null);
    }

    /** A form posted without its key (a hand-made request) is sent without idempotency. */
    String key() {
        return ContactForm.blankToNull(idempotencyKey);
    }
}
