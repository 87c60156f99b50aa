package dev.recado.channels.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The scanner finds the keys the receipt pattern it replaced found, at the same places. */
class ReceiptKeysPropertiesTest {

    /** The pattern the parser used until the scanner replaced it, kept as the reference. */
    private static final Pattern KEY = Pattern.compile(
            "(?i)(?<![a-z0-9_])(id|sub|dlvrd|submit\\s*_?\\s*date|done\\s*_?\\s*date|stat|err(?:or)?|text)\\s*:");

    @Property(tries = 3000)
    void findsWhatThePatternFound(@ForAll("receiptLike") String text) {
        assertThat(scanned(text)).isEqualTo(matched(text));
    }

    @Example
    void readsTheUsualSpellings() {
        assertThat(scanned("id:1 sub:001 dlvrd:001 Submit_Date :2401010000 DONE  date:2401010000 stat:DELIVRD"
                + " error:0 paid:3 xid:4 text:id:5")).containsExactly("0-3 id", "5-9 sub", "13-19 dlvrd",
                        "23-36 submit date", "47-58 done date", "69-74 stat", "82-88 err", "103-108 text",
                        "108-111 id");
    }

    /** Fragments of real receipts and near misses, in any case, glued with spacing and punctuation. */
    @Provide
    Arbitrary<String> receiptLike() {
        Arbitrary<String> fragment = Arbitraries.of("id", "sub", "submit", "dlvrd", "date", "done", "stat", "err",
                "error", "text", "paid", "x", "_", " ", "  ", "\t", ":", " :", "0", "9", "é", "-", "ſtat", "İd");
        Arbitrary<Boolean> upper = Arbitraries.of(true, false);
        return Arbitraries.lazy(() -> fragment.flatMap(f -> upper.map(u -> u ? f.toUpperCase(Locale.ROOT) : f))
                .list().ofMinSize(0).ofMaxSize(14).map(parts -> String.join("", parts)));
    }

    private static List<String> scanned(String text) {
        List<String> found = new ArrayList<>();
        for (var f = ReceiptKeys.next(text, 0); f != null; f = ReceiptKeys.next(text, f.end())) {
            found.add(f.start() + "-" + f.end() + " " + f.key());
        }
        return found;
    }

    private static List<String> matched(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = KEY.matcher(text);
        while (m.find()) {
            String k = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "");
            String key = switch (k) {
                case "submitdate" -> "submit date";
                case "donedate" -> "done date";
                case "error" -> "err";
                default -> k;
            };
            found.add(m.start() + "-" + m.end() + " " + key);
        }
        return found;
    }
}
