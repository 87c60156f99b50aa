package dev.recado.channels.smpp.internal;

import dev.recado.content.sms.SmsEncoder;
import dev.recado.content.sms.SmsEncoding;
import java.nio.charset.StandardCharsets;

/** Turns the bytes of a short message into text by its SMPP data_coding. */
public final class SmsText {

    public static final int GSM7 = 0x00;
    public static final int UCS2 = 0x08;

    private SmsText() {
    }

    public static String decode(byte[] payload, int dataCoding) {
        int dc = dataCoding & 0xFF;
        if (dc == GSM7 || (dc & 0xF4) == 0xF0) { // SMSC default alphabet, or class group with 7-bit
            return SmsEncoder.decode(payload, SmsEncoding.GSM7);
        }
        if (dc == UCS2) {
            return SmsEncoder.decode(payload, SmsEncoding.UCS2);
        }
        if (dc == 0x01) {
            return new String(payload, StandardCharsets.US_ASCII);
        }
        return new String(payload, StandardCharsets.ISO_8859_1); // 0x03 Latin-1, and the best guess for the rest
    }

    public static int dataCoding(SmsEncoding encoding) {
        return encoding == SmsEncoding.UCS2 ? UCS2 : GSM7;
    }
}
