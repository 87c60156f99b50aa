package dev.recado.content.sms;

/**
 * Text to {@code short_message} bytes and back. GSM 7-bit stays unpacked (one septet a byte), the
 * form SMPP carries with data_coding 0; the SMSC packs it for the air interface.
 */
final class SmsPayloads {

    /** Shown where the bytes name no character, so one bad byte never loses an inbound message. */
    private static final char REPLACEMENT = '\uFFFD';

    private SmsPayloads() {
    }

    static byte[] encode(String text, SmsEncoding encoding) {
        return encoding == SmsEncoding.GSM7 ? encodeGsm7(text) : encodeUcs2(text);
    }

    static String decode(byte[] payload, SmsEncoding encoding) {
        return encoding == SmsEncoding.GSM7 ? decodeGsm7(payload) : decodeUcs2(payload);
    }

    private static byte[] encodeGsm7(String text) {
        int length = SmsEncoder.gsmSeptets(text);
        if (length < 0) {
            throw new IllegalArgumentException("not GSM 7-bit encodable");
        }
        byte[] septets = new byte[length];
        int at = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = Gsm7Alphabet.basicSeptet(c);
            if (basic != Gsm7Alphabet.ABSENT) {
                septets[at++] = (byte) basic;
            } else {
                septets[at++] = Gsm7Alphabet.ESCAPE;
                septets[at++] = (byte) Gsm7Alphabet.extensionSeptet(c);
            }
        }
        return septets;
    }

    /**
     * Code unit by code unit rather than through the UTF-16BE charset, which would turn a lone
     * surrogate into '?': the bytes must give back exactly the text that was counted.
     */
    private static byte[] encodeUcs2(String text) {
        byte[] bytes = new byte[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes[2 * i] = (byte) (c >>> 8);
            bytes[2 * i + 1] = (byte) c;
        }
        return bytes;
    }

    /**
     * Per TS 23.038: an escape before a code the extension table lacks shows the basic char for
     * that code, and a doubled escape (reserved for a further table) shows a space.
     */
    private static String decodeGsm7(byte[] septets) {
        StringBuilder text = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int septet = septets[i] & 0xFF;
            if (septet != Gsm7Alphabet.ESCAPE) {
                text.append(septet < 128 ? Gsm7Alphabet.basicChar(septet) : REPLACEMENT);
                continue;
            }
            if (++i == septets.length) {
                break; // a trailing escape escapes nothing
            }
            int code = septets[i] & 0xFF;
            char extension = Gsm7Alphabet.extensionChar(code);
            if (extension != 0) {
                text.append(extension);
            } else if (code == Gsm7Alphabet.ESCAPE) {
                text.append(' ');
            } else {
                text.append(code < 128 ? Gsm7Alphabet.basicChar(code) : REPLACEMENT);
            }
        }
        return text.toString();
    }

    private static String decodeUcs2(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length / 2 + 1);
        for (int i = 0; i + 1 < bytes.length; i += 2) {
            text.append((char) (((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF)));
        }
        if (bytes.length % 2 != 0) {
            text.append(REPLACEMENT);
        }
        return text.toString();
    }
}
