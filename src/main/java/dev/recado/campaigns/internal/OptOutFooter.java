package dev.recado.campaigns.internal;

import dev.recado.content.sms.SmsEncoder;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The opt-out text every marketing SMS carries. It is added in the recipient's language unless the
 * text already names an opt-out keyword.
 */
final class OptOutFooter {

    private static final Pattern KEYWORD = Pattern.compile("(?iu)\\b(BAJA|STOP|UNSUBSCRIBE|CANCELAR)\\b");

    private OptOutFooter() {
    }

    static boolean present(String text) {
        return text != null && KEYWORD.matcher(text).find();
    }

    /** The body with the footer, if it needs one. */
    static String apply(String body, String language) {
        if (present(body)) {
            return body;
        }
        return body + "\n" + footer(language, SmsEncoder.isGsm7(body, true));
    }

    /**
     * "más" is not in the GSM alphabet: on a body that is otherwise GSM 7-bit the accent alone would
     * switch the whole message to UCS-2 and roughly double its segments, so it is written without.
     * "Otherwise GSM 7-bit" counts smart encoding's swaps (a typographic apostrophe or dash becomes
     * GSM), as campaigns send with it on; with it off such a body is UCS-2 anyway and loses only the
     * accent.
     */
    static String footer(String language, boolean keepGsm7) {
        if (language != null && language.toLowerCase(Locale.ROOT).startsWith("es")) {
            return keepGsm7 ? "Responde BAJA para no recibir mas mensajes" : "Responde BAJA para no recibir más mensajes";
        }
        return "Reply STOP to opt out";
    }
}
