package dev.recado.consent;

import dev.recado.common.Redacted;

/** The fact as stored, and the link to confirm it when it waits for email double opt-in. */
public record RecordedConsent(ConsentEvent event, String confirmationToken) {

    /** Never the secrets: a record's own toString would print them into any log line. */
    @Override
    public String toString() {
        return Redacted.toString(this);
    }
}
