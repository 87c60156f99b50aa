package dev.recado.content.sms;

import java.util.Locale;

/**
 * The two data codings Recado sends SMS in, with the per-part capacity of each. Units are septets
 * for GSM 7-bit and UTF-16 code units for UCS-2.
 */
public enum SmsEncoding {
    GSM7(160, 153),
    UCS2(70, 67);

    private final int singlePartUnits;
    private final int multipartUnits;

    SmsEncoding(int singlePartUnits, int multipartUnits) {
        this.singlePartUnits = singlePartUnits;
        this.multipartUnits = multipartUnits;
    }

    /** Units that fit in a message sent as one part. */
    public int singlePartUnits() {
        return singlePartUnits;
    }

    /** Units that fit in each part of a longer message: the rest is taken by the 6-byte UDH. */
    public int multipartUnits() {
        return multipartUnits;
    }

    /** The wire name ({@code gsm7}, {@code ucs2}). */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
