package dev.recado.consent;

import java.time.Instant;

/** A consent fact to record; {@code occurredAt} defaults to now. */
public record NewConsent(Channel channel, Purpose purpose, ConsentStatus status, ConsentSource source,
        String evidence, String actor, Instant occurredAt) {
}
