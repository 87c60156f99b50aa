package dev.recado.workspace;

import dev.recado.common.Redacted;
import java.time.Instant;

/** A key as returned once at creation: the only time its secret is shown. */
public record CreatedApiKey(long id, String name, String key, ApiKeyScope scope, Instant createdAt) {

    /** Never the secrets: a record's own toString would print them into any log line. */
    @Override
    public String toString() {
        return Redacted.toString(this, "key");
    }
}
