package dev.recado.common;

import java.util.Base64;
import java.nio.charset.StandardCharsets;

/**
 * Keyset pagination over descending row ids. The cursor is the last id seen, wrapped so callers
 * treat it as opaque and cannot mistake it for a public id.
 */
public record PageRequest(int limit, long beforeId) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static PageRequest of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(size, cursor == null || cursor.isBlank() ? Long.MAX_VALUE : decode(cursor));
    }

    /** Trims the one extra row fetched to learn whether another page exists. */
    public <T> Page<T> page(java.util.List<T> rowsPlusOne, java.util.function.ToLongFunction<T> idOf) {
        if (rowsPlusOne.size() <= limit) {
            return new Page<>(rowsPlusOne, null);
        }
        var rows = rowsPlusOne.subList(0, limit);
        return new Page<>(java.util.List.copyOf(rows), encode(idOf.applyAsLong(rows.get(rows.size() - 1))));
    }

    public int fetchSize() {
        return limit + 1;
    }

    private static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("k" + id).getBytes(StandardCharsets.US_ASCII));
    }

    private static long decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!raw.startsWith("k")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(raw.substring(1));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("cursor", "is not a cursor this API returned");
        }
    }
}
