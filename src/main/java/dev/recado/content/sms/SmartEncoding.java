package dev.recado.content.sms;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Swaps typographic look-alikes (curly quotes, dashes, odd spaces, the ellipsis) for plain GSM
 * characters. Word processors and phone keyboards insert these silently, and a single one forces
 * the whole message into UCS-2: 70 characters a part instead of 160, often doubling the cost.
 * Letters are never swapped (á stays á), since that would change what the recipient reads.
 */
final class SmartEncoding {

    /** The text to send and a note for each kind of char that was swapped. */
    record Result(String text, List<String> replacements) {
    }

    private record Swap(String replacement, String note) {
    }

    private static final Map<Character, Swap> SWAPS = buildSwaps();

    private SmartEncoding() {
    }

    /**
     * Applies the swaps only if they make the whole text GSM-encodable. When something else (an
     * emoji, a Cyrillic letter) keeps the message in UCS-2 anyway, swapping would alter the text
     * for no saving, so the original comes back untouched.
     */
    static Result apply(String text) {
        if (SmsEncoder.isGsm7(text)) {
            return new Result(text, List.of());
        }
        StringBuilder swapped = new StringBuilder(text.length() + 8);
        Set<String> notes = new LinkedHashSet<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Swap swap = SWAPS.get(c);
            if (swap == null) {
                swapped.append(c);
            } else {
                swapped.append(swap.replacement());
                notes.add(swap.note());
            }
        }
        String candidate = swapped.toString();
        if (!SmsEncoder.isGsm7(candidate)) {
            return new Result(text, List.of());
        }
        return new Result(candidate, List.copyOf(notes));
    }

    private static Map<Character, Swap> buildSwaps() {
        Map<Character, Swap> swaps = new HashMap<>();
        // Single quotes, apostrophes and primes.
        visible(swaps, "'", '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u2039', '\u203A', '\u00B4', '`');
        // Double quotes, guillemets and double primes.
        visible(swaps, "\"", '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB');
        // Hyphens, dashes and the minus sign.
        visible(swaps, "-", '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212');
        visible(swaps, "...", '\u2026');
        // Spacing modifier letters that look like the ASCII ones in the extension table.
        visible(swaps, "^", '\u02C6');
        visible(swaps, "~", '\u02DC');
        // Spaces are invisible, so their notes name them instead of showing them.
        invisible(swaps, '\u00A0', "no-break space");
        invisible(swaps, '\u1680', "ogham space mark");
        for (char c = '\u2000'; c <= '\u200A'; c++) {
            invisible(swaps, c, "U+%04X space".formatted((int) c));
        }
        invisible(swaps, '\u202F', "narrow no-break space");
        invisible(swaps, '\u205F', "medium mathematical space");
        invisible(swaps, '\u3000', "ideographic space");
        return Map.copyOf(swaps);
    }

    private static void visible(Map<Character, Swap> swaps, String replacement, char... lookAlikes) {
        for (char c : lookAlikes) {
            swaps.put(c, new Swap(replacement, c + " \u2192 " + replacement));
        }
    }

    private static void invisible(Map<Character, Swap> swaps, char space, String name) {
        swaps.put(space, new Swap(" ", name + " \u2192 space"));
    }
}
