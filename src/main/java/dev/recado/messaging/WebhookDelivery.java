package dev.recado.messaging;

import java.time.Instant;

/** One event posted (or still to be posted) to a workspace's webhook; status pending, delivered or failed. */
public record WebhookDelivery(long id, String url, String eventType, String status, int attempts, Integer lastStatus,
        String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
}
