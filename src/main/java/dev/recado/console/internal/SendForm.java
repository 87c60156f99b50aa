package dev.recado.console.internal;

import dev.recado.messaging.Content;
import dev.recado.messaging.MessageDraft;
import java.util.UUID;

/**
 * The console's "send an SMS" form. Each rendering carries a fresh idempotency key, so a double
 * click or a resubmitted page sends the message once.
 */
record SendForm(String to, String body, String purpose, String idempotencyKey) {

    static SendForm blank() {
        return new SendForm(null, null, "transactional", "console-" + UUID.randomUUID());
    }

    MessageDraft toDraft() {
        return new MessageDraft(ContactForm.blankToNull(to), "sms", null,
                body == null || body.isEmpty() ? null : new Content.Text(body), ContactForm.blankToNull(purpose), null,
                null, null, null, null, false, false, key(), null, null);
    }

    /** A form posted without its key (a hand-made request) is sent without idempotency. */
    String key() {
        return ContactForm.blankToNull(idempotencyKey);
    }
}
