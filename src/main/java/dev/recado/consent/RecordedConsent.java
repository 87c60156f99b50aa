package dev.recado.consent;

/** The fact as stored, and the link to confirm it when it waits for email double opt-in. */
public record RecordedConsent(ConsentEvent event, String confirmationToken) {
}
