package dev.recado.workspace;

import java.time.Instant;

/** A key as returned once at creation: the only time its secret is shown. */
public record CreatedApiKey(long id, String name, String key, ApiKeyScope scope, Instant createdAt) {
}
