package dev.recado.channels.smpp.internal;

/**
 * Finds the keys of a delivery receipt's text ("id:", "submit date:", "stat:"...) by scanning its
 * characters: what the pattern {@code (?i)(?<![a-z0-9_])(id|sub|dlvrd|submit\s*_?\s*date|
 * done\s*_?\s*date|stat|err(?:or)?|text)\s*:} finds, without a regular expression, since every
 * receipt passes through here and the pattern's alternation was a measurable share of dispatch.
 */
final class ReceiptKeys {

    /** A key found in {@code [start, end)} (end is past its colon), by its canonical name. */
    record Found(int start, int end, String key) {
    }

    private ReceiptKeys() {
    }

    /** The first key at or after {@code from}, or null. */
    static Found next(String text, int from) {
        for (int i = Math.max(0, from); i < text.length(); i++) {
            if (!Character.isLetter(text.charAt(i)) || i > 0 && isWordChar(text.charAt(i - 1))) {
                continue;
            }
            Found found = keyAt(text, i);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    // the pattern's alternatives in its order, as {word, key}: "sub" is tried before "submit date",
    // "error" before "err"; the two dates sit between the two groups
    private static final String[][] BEFORE_DATES = {{"id", "id"}, {"sub", "sub"}, {"dlvrd", "dlvrd"}};
    private static final String[] DATES = {"submit", "done"};
    private static final String[][] AFTER_DATES = {{"stat", "stat"}, {"error", "err"}, {"err", "err"}, {"text", "text"}};

    private static Found keyAt(String text, int at) {
        Found found = firstWord(text, at, BEFORE_DATES);
        if (found != null) {
            return found;
        }
        for (String first : DATES) {
            int end = word(text, at, first);
            if (end < 0) {
                continue;
            }
            end = spaces(text, end);
            if (end < text.length() && text.charAt(end) == '_') {
                end = spaces(text, end + 1);
            }
            found = colonAfter(text, at, word(text, end, "date"), first + " date");
            if (found != null) {
                return found;
            }
        }
        return firstWord(text, at, AFTER_DATES);
    }

    private static Found firstWord(String text, int at, String[][] words) {
        for (String[] word : words) {
            Found found = colonAfter(text, at, word(text, at, word[0]), word[1]);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Where {@code word} (lower-case ASCII letters) ends if it stands at {@code at} in any ASCII case, or -1. */
    private static int word(String text, int at, String word) {
        if (at < 0 || at + word.length() > text.length()) {
            return -1;
        }
        for (int k = 0; k < word.length(); k++) {
            char c = text.charAt(at + k);
            char lower = word.charAt(k);
            if (c != lower && c != (char) (lower - 32)) {
                return -1;
            }
        }
        return at + word.length();
    }

    private static Found colonAfter(String text, int start, int wordEnd, String key) {
        if (wordEnd < 0) {
            return null;
        }
        int colon = spaces(text, wordEnd);
        return colon < text.length() && text.charAt(colon) == ':' ? new Found(start, colon + 1, key) : null;
    }

    /** Past the whitespace (the pattern's {@code \s}) from {@code at}. */
    private static int spaces(String text, int at) {
        int i = at;
        while (i < text.length() && " \t\n\u000B\f\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
