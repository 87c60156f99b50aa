package dev.recado.workspace;

import java.time.Instant;

public record ApiKeyView(long id, String name, String keyHint, ApiKeyScope scope, Instant createdAt,
        Instant lastUsedAt, Instant revokedAt) {
}
