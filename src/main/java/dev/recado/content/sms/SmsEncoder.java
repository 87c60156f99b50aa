package dev.recado.content.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides how an SMS body is sent: the encoding, how many parts, and where it splits. Pure and
 * thread-safe, so the API can quote segments and cost before a message is accepted and the SMPP
 * channel can build the same parts when it sends.
 */
public final class SmsEncoder {

    private SmsEncoder() {
    }

    /**
     * Plans {@code body} for sending. With {@code smartEncoding}, typographic look-alikes are
     * swapped for GSM characters when that alone makes the body GSM 7-bit. An empty body gives one
     * part of zero units; rejecting it is the caller's business.
     */
    public static SmsPlan plan(String body, boolean smartEncoding) {
        Objects.requireNonNull(body, "body");
        String text = body;
        List<String> replacements = List.of();
        if (smartEncoding) {
            SmartEncoding.Result swapped = SmartEncoding.apply(body);
            text = swapped.text();
            replacements = swapped.replacements();
        }
        int septets = gsmSeptets(text);
        SmsEncoding encoding = septets >= 0 ? SmsEncoding.GSM7 : SmsEncoding.UCS2;
        int units = septets >= 0 ? septets : text.length();
        List<SmsPart> parts = split(text, encoding, units);
        return new SmsPlan(text, encoding, parts.size(), units, parts, replacements);
    }

    /** Whether every char of {@code text} is in the GSM basic or extension table. */
    public static boolean isGsm7(String text) {
        return gsmSeptets(text) >= 0;
    }

    /** Whether {@code text} goes as GSM 7-bit, as {@link #plan} would decide it, without splitting it into parts. */
    public static boolean isGsm7(String text, boolean smartEncoding) {
        return isGsm7(smartEncoding ? SmartEncoding.apply(text).text() : text);
    }

    /** Septets {@code text} takes in GSM 7-bit (extension chars count 2), or -1 if it cannot. */
    public static int gsmSeptets(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            int width = Gsm7Alphabet.septetsOf(text.charAt(i));
            if (width == 0) {
                return -1;
            }
            septets += width;
        }
        return septets;
    }

    /** The text a payload carries: the inverse of {@link SmsPart#payload()}, also for inbound MO. */
    public static String decode(byte[] payload, SmsEncoding encoding) {
        return SmsPayloads.decode(payload, encoding);
    }

    /**
     * Greedy split at the multipart capacity. A char that does not fit whole moves to the next
     * part: an extension char's escape and code must arrive together, and a surrogate pair split
     * across parts shows as two broken glyphs on most handsets.
     */
    private static List<SmsPart> split(String text, SmsEncoding encoding, int units) {
        if (units <= encoding.singlePartUnits()) {
            return List.of(part(text, encoding));
        }
        int capacity = encoding.multipartUnits();
        List<SmsPart> parts = new ArrayList<>(units / capacity + 2);
        int start = 0;
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int chars = charsOfUnit(text, i, encoding);
            int cost = encoding == SmsEncoding.GSM7 ? Gsm7Alphabet.septetsOf(text.charAt(i)) : chars;
            if (used + cost > capacity) {
                parts.add(part(text.substring(start, i), encoding));
                start = i;
                used = 0;
            }
            used += cost;
            i += chars;
        }
        parts.add(part(text.substring(start), encoding));
        return parts;
    }

    /** Chars that must stay together from {@code i}: 2 for a UCS-2 surrogate pair, else 1. */
    private static int charsOfUnit(String text, int i, SmsEncoding encoding) {
        boolean pair = encoding == SmsEncoding.UCS2
                && Character.isHighSurrogate(text.charAt(i))
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
        return pair ? 2 : 1;
    }

    private static SmsPart part(String text, SmsEncoding encoding) {
        return new SmsPart(text, SmsPayloads.encode(text, encoding));
    }
}
