package dev.recado.common;

import java.util.Optional;

/**
 * Opaque API ids: a type prefix and the row id in base 36 ({@code ct_2n9c}). Internal code keeps
 * longs; only the web edge converts. A malformed id is "not found", never a 400, so guessing ids
 * tells a caller nothing.
 */
public final class PublicId {

    private PublicId() {
    }

    public static String of(String prefix, long id) {
        return prefix + Long.toString(id, 36);
    }

    public static Optional<Long> parse(String prefix, String value) {
        if (value == null || !value.startsWith(prefix) || value.length() == prefix.length()
                || value.length() > prefix.length() + 13) {
            return Optional.empty();
        }
        String digits = value.substring(prefix.length());
        // only the spelling of() writes: ASCII 0-9a-z without leading zeros (Long.parseLong would also
        // take "D" for "d" and Arabic-Indic digits, so one row would answer to many ids)
        if (digits.charAt(0) == '0' || !digits.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'z')) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(digits, 36);
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Parses or throws the 404 the API gives for any unknown id. */
    public static long require(String prefix, String value, String what) {
        return parse(prefix, value).orElseThrow(() -> ApiException.notFound(what));
    }
}
