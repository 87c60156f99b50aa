package dev.recado.content.sms;

import java.util.Arrays;

/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038, 6.2.1 and 6.2.1.1), as
 * lookups in both directions. Only the default tables: national language shift tables are not
 * used, because SMSCs and handsets support them unevenly.
 */
final class Gsm7Alphabet {

    /** The septet that switches the next septet to the extension table. */
    static final int ESCAPE = 0x1B;

    /** Marks "no septet" in the char-to-septet lookups. */
    static final int ABSENT = -1;

    /**
     * The basic table, indexed by septet. Written with escapes so that look-alikes (Greek capitals,
     * the various spaces) cannot slip in unnoticed. Position 0x1B is the escape, not a character;
     * it holds a placeholder that is never looked up.
     */
    private static final String BASIC = ""
            // 0x00: @ £ $ ¥ è é ù ì ò Ç LF Ø ø CR Å å
            + "@\u00A3$\u00A5\u00E8\u00E9\u00F9\u00EC\u00F2\u00C7\n\u00D8\u00F8\r\u00C5\u00E5"
            // 0x10: Δ _ Φ Γ Λ Ω Π Ψ Σ Θ Ξ ESC Æ æ ß É
            + "\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E\u0000\u00C6\u00E6\u00DF\u00C9"
            // 0x20: space ! " # ¤ % & ' ( ) * + , - . /
            + " !\"#\u00A4%&'()*+,-./"
            // 0x30
            + "0123456789:;<=>?"
            // 0x40: ¡ A-O
            + "\u00A1ABCDEFGHIJKLMNO"
            // 0x50: P-Z Ä Ö Ñ Ü §
            + "PQRSTUVWXYZ\u00C4\u00D6\u00D1\u00DC\u00A7"
            // 0x60: ¿ a-o
            + "\u00BFabcdefghijklmno"
            // 0x70: p-z ä ö ñ ü à
            + "pqrstuvwxyz\u00E4\u00F6\u00F1\u00FC\u00E0";

    /** The extension table: each char and the septet that follows the escape. */
    private static final char[] EXTENSION_CHARS = {'\f', '^', '{', '}', '\\', '[', '~', ']', '|', '\u20AC'};
    private static final int[] EXTENSION_SEPTETS = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    /** Lookups by char, sized to the highest char in either table (the euro sign). */
    private static final byte[] BASIC_SEPTET_BY_CHAR;
    private static final byte[] EXTENSION_SEPTET_BY_CHAR;
    private static final char[] EXTENSION_CHAR_BY_SEPTET = new char[128];

    static {
        if (BASIC.length() != 128) {
            throw new IllegalStateException("GSM basic table must have 128 entries, has " + BASIC.length());
        }
        int size = '\u20AC' + 1;
        BASIC_SEPTET_BY_CHAR = new byte[size];
        EXTENSION_SEPTET_BY_CHAR = new byte[size];
        Arrays.fill(BASIC_SEPTET_BY_CHAR, (byte) ABSENT);
        Arrays.fill(EXTENSION_SEPTET_BY_CHAR, (byte) ABSENT);
        for (int septet = 0; septet < 128; septet++) {
            if (septet != ESCAPE) {
                BASIC_SEPTET_BY_CHAR[BASIC.charAt(septet)] = (byte) septet;
            }
        }
        for (int i = 0; i < EXTENSION_CHARS.length; i++) {
            EXTENSION_SEPTET_BY_CHAR[EXTENSION_CHARS[i]] = (byte) EXTENSION_SEPTETS[i];
            EXTENSION_CHAR_BY_SEPTET[EXTENSION_SEPTETS[i]] = EXTENSION_CHARS[i];
        }
    }

    private Gsm7Alphabet() {
    }

    /** The basic-table septet for {@code c}, or {@link #ABSENT}. */
    static int basicSeptet(char c) {
        return c < BASIC_SEPTET_BY_CHAR.length ? BASIC_SEPTET_BY_CHAR[c] : ABSENT;
    }

    /** The extension-table septet (sent after the escape) for {@code c}, or {@link #ABSENT}. */
    static int extensionSeptet(char c) {
        return c < EXTENSION_SEPTET_BY_CHAR.length ? EXTENSION_SEPTET_BY_CHAR[c] : ABSENT;
    }

    /** Septets {@code c} takes: 1 in the basic table, 2 in the extension table, else 0. */
    static int septetsOf(char c) {
        if (basicSeptet(c) != ABSENT) {
            return 1;
        }
        return extensionSeptet(c) != ABSENT ? 2 : 0;
    }

    /** The char at {@code septet} (0..127, not the escape) of the basic table. */
    static char basicChar(int septet) {
        return BASIC.charAt(septet);
    }

    /** The extension char for {@code septet}, or 0 where the extension table has none. */
    static char extensionChar(int septet) {
        return septet >= 0 && septet < 128 ? EXTENSION_CHAR_BY_SEPTET[septet] : 0;
    }
}
