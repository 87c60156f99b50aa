package dev.recado.consent;

import java.time.Instant;

/**
 * One fact of the ledger. An email opt-in waiting for its confirmation link is recorded with
 * {@code pendingConfirmation}; it proves the request but grants nothing until confirmed.
 */
public record ConsentEvent(long id, long contactId, Channel channel, Purpose purpose, ConsentStatus status,
        ConsentSource source, String evidence, String actor, Instant occurredAt, Instant recordedAt,
        boolean pendingConfirmation) {
}
