package dev.recado.messaging.spi;

import dev.recado.common.Redacted;
import java.util.Map;

/**
 * A sender account as the adapter sees it: its id and its provider settings (secrets included).
 * {@code webhookUrl} is where the provider posts its events, for providers whose adapter registers
 * it (Telegram's {@code setWebhook}); null otherwise.
 */
public record SenderConfig(long senderId, long workspaceId, String name, Map<String, Object> settings,
        String webhookUrl) {

    /** Never the secrets: a record's own toString would print them into any log line. */
    @Override
    public String toString() {
        return Redacted.toString(this);
    }

    /** Settings the engine reads itself (routing by {@code prefixes}), never handed to a provider. */
    public static final java.util.Set<String> ENGINE_SETTINGS = java.util.Set.of("prefixes");

    public SenderConfig {
        if (settings != null && ENGINE_SETTINGS.stream().anyMatch(settings::containsKey)) {
            settings = new java.util.LinkedHashMap<>(settings);
            settings.keySet().removeAll(ENGINE_SETTINGS);
        }
    }

    public SenderConfig(long senderId, long workspaceId, String name, Map<String, Object> settings) {
        this(senderId, workspaceId, name, settings, null);
    }

    public String string(String key, String fallback) {
        Object value = settings.get(key);
        return value == null ? fallback : value.toString();
    }

    public int integer(String key, int fallback) {
        Object value = settings.get(key);
        if (value instanceof Number n) {
            return n.intValue();
        }
        return value == null ? fallback : Integer.parseInt(value.toString());
    }
}
