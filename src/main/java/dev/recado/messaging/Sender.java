package dev.recado.messaging;

import dev.recado.common.Redacted;
import java.time.Instant;
import java.util.Map;

/**
 * A sender account: one provider connection (an SMPP bind, a WhatsApp number, an SMTP relay).
 * {@code connectedAt} is its first successful connection, null until then.
 */
public record Sender(long id, long workspaceId, String channel, String provider, String name,
        Map<String, Object> settings, int ratePerSecond, int window, boolean isDefault, boolean enabled,
        Instant createdAt, Instant connectedAt) {

    /** Never the secrets: a record's own toString would print them into any log line. */
    @Override
    public String toString() {
        return Redacted.toString(this);
    }

    /** The platform's own simulated providers ({@code sandbox}, {@code sandbox_email}, ...), one per channel. */
    public static boolean sandboxProvider(String provider) {
        return provider != null && (provider.equals("sandbox") || provider.startsWith("sandbox_"));
    }

    public boolean sandbox() {
        return sandboxProvider(provider);
    }
}
