package dev.recado.common;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The {@code toString} of a record that holds secrets: the generated one would print them, and one log
 * line of the record would leak them. Components named like a secret, and such entries of a map
 * component (a sender's settings), show only that they are set; everything else prints as the
 * generated {@code toString} would.
 */
public final class Redacted {

    /** What a redacted value prints as; null stays null, so "not set" is still visible. */
    public static final String MASK = "******";

    // an api key's id or an idempotency key is no secret, so a bare "key" is not one either
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(password|secret|token|private_?key|service_?account).*|.*api_?key");

    private Redacted() {
    }

    /** Whether a component or setting named {@code name} holds a secret. */
    public static boolean secretName(String name) {
        return SECRET.matcher(name).matches();
    }

    /**
     * {@code record} as {@code Name[a=1, password=******]}; {@code alsoSecret} names components whose
     * name alone does not say so (an API key's {@code key}).
     */
    public static String toString(Record record, String... alsoSecret) {
        Set<String> extra = Set.of(alsoSecret);
        StringJoiner out = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            String name = component.getName();
            Object value = value(record, component);
            out.add(name + "=" + (value != null && (extra.contains(name) || secretName(name)) ? MASK : masked(value)));
        }
        return out.toString();
    }

    private static Object masked(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<Object, Object> shown = new LinkedHashMap<>();
        map.forEach((k, v) -> shown.put(k, v != null && k instanceof String s && secretName(s) ? MASK : masked(v)));
        return shown;
    }

    private static Object value(Record record, RecordComponent component) {
        try {
            var accessor = component.getAccessor();
            // records private to another module's package are still ours to print
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
