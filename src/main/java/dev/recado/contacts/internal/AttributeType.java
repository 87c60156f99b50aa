package dev.recado.contacts.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The types a custom attribute may have; fixed by its first value, then enforced. */
public enum AttributeType {
    STRING, NUMBER, BOOLEAN, DATE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AttributeType infer(Object value) {
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof Number) {
            return NUMBER;
        }
        if (value instanceof String s && s.length() == 10 && isDate(s)) {
            return DATE;
        }
        return STRING;
    }

    /** Converts a JSON value (or a CSV cell, always text) to this type; null when it does not fit. */
    Object coerce(Object value) {
        return switch (this) {
            case STRING -> value instanceof String || value instanceof Number || value instanceof Boolean
                    ? value.toString() : null;
            case BOOLEAN -> value instanceof Boolean b ? b
                    : value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")
                            || s.equalsIgnoreCase("si") || s.equalsIgnoreCase("sí") || s.equalsIgnoreCase("no")
                            || s.equalsIgnoreCase("yes"))
                            ? (Boolean) (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes")
                                    || s.toLowerCase(Locale.ROOT).startsWith("s")) : null;
            case NUMBER -> value instanceof Number n ? new BigDecimal(n.toString())
                    : value instanceof String s ? parseNumber(s) : null;
            case DATE -> value instanceof String s && isDate(s) ? s : null;
        };
    }

    private static BigDecimal parseNumber(String s) {
        try {
            return new BigDecimal(s.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isDate(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
