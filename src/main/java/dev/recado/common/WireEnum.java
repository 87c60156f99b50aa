package dev.recado.common;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Enums travel as their lower-case names ({@code OPTED_IN} is {@code opted_in}). */
public final class WireEnum {

    private WireEnum() {
    }

    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> name(e).equals(wire)).findFirst();
    }

    /** Parses a query or CSV value, or throws the 422 naming the field and the allowed values. */
    public static <E extends Enum<E>> E require(Class<E> type, String wire, String field) {
        return parse(type, wire).orElseThrow(() -> ApiException.invalid(field, "must be one of "
                + Arrays.stream(type.getEnumConstants()).map(WireEnum::name).toList()));
    }
}
