package dev.recado.messaging.internal;

import dev.recado.common.FieldProblem;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import java.util.List;
import java.util.Map;

/** Reading a sender's JSON body: each problem names its field. */
final class SenderInput {

    private SenderInput() {
    }

    static String string(Map<String, Object> body, String key) {
        Object value = body.get(key);
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    static String name(Map<String, Object> body, List<FieldProblem> problems) {
        String name = string(body, "name");
        if (name == null || name.length() > 200) {
            problems.add(new FieldProblem("name", "is required, 1 to 200 characters"));
            return "";
        }
        return name;
    }

    static int integer(Map<String, Object> body, String key, int fallback, int min, int max,
            List<FieldProblem> problems) {
        Object value = body.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue())
                || n.longValue() < min || n.longValue() > max) {
            problems.add(new FieldProblem(key, "must be a whole number between " + min + " and " + max));
            return fallback;
        }
        return n.intValue();
    }

    /** Null when absent. */
    static Boolean bool(Map<String, Object> body, String key, List<FieldProblem> problems) {
        Object value = body.get(key);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        problems.add(new FieldProblem(key, "must be true or false"));
        return null;
    }

    /** Only the provider's own setting names, and what its validation says of the values. */
    static void checkSettings(ChannelAdapterFactory factory, String provider, Map<String, Object> all,
            List<FieldProblem> problems) {
        Map<String, Object> settings = all;
        if (all.containsKey(DestinationRoutes.PREFIXES)) {
            // routing is the engine's, not the provider's: every provider takes it
            settings = new java.util.LinkedHashMap<>(all);
            DestinationRoutes.checkPrefixes(settings.remove(DestinationRoutes.PREFIXES), problems);
        }
        for (String key : settings.keySet()) {
            if (!factory.settingNames().contains(key)) {
                problems.add(new FieldProblem(key, "is not a setting of " + provider + " senders"));
            }
        }
        problems.addAll(factory.validate(settings));
    }
}
