package dev.recado.messaging.spi;

import java.util.Map;

/** A sender account as the adapter sees it: its id and its provider settings (secrets included). */
public record SenderConfig(long senderId, long workspaceId, String name, Map<String, Object> settings) {

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
