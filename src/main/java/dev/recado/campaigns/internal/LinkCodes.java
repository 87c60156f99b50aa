package dev.recado.campaigns.internal;

import java.security.SecureRandom;

/**
 * Codes of short and unsubscribe links: base62 from {@link SecureRandom}. Ten characters carry
 * about 59.5 bits, so nobody finds a live link by trying codes, while a short link stays short
 * enough for an SMS ({@code https://rcd.example/l/} plus ten characters).
 */
final class LinkCodes {

    static final int LINK_LENGTH = 10;
    /** An unsubscribe code acts on the person's behalf: two more characters (about 71 bits). */
    static final int UNSUBSCRIBE_LENGTH = 12;

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private LinkCodes() {
    }

    static String next(int length) {
        char[] code = new char[length];
        for (int i = 0; i < length; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    /** The only shape a code can have: anything else is answered 404 without a lookup. */
    static boolean wellFormed(String code) {
        if (code == null || code.length() < LINK_LENGTH || code.length() > UNSUBSCRIBE_LENGTH) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }
}
