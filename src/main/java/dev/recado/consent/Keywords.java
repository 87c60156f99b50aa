package dev.recado.consent;

import java.text.Normalizer;
import java.util.Locale;

/** How an inbound text is compared to keywords: "  Baja." and "baja" are the same request. */
public final class Keywords {

    private Keywords() {
    }

    public static String normalize(String text) {
        String stripped = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.replaceAll("[^\\p{L}\\p{N} ]", " ").strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    public static String firstWord(String text) {
        String normalized = normalize(text == null ? "" : text);
        int space = normalized.indexOf(' ');
        return space < 0 ? normalized : normalized.substring(0, space);
    }
}
