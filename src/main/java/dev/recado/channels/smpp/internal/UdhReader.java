package dev.recado.channels.smpp.internal;

import java.util.Arrays;

/**
 * Splits a short_message that carries a User Data Header (esm_class UDHI bit) into the header, the
 * payload and the concatenation element, if any (IEI 0x00 with an 8-bit reference, 0x08 with 16-bit).
 */
public final class UdhReader {

    /** Where one part sits in a concatenated message. */
    public record Concat(int reference, int total, int sequence) {
    }

    /** {@code udh} is empty and {@code concat} null when there is no (well-formed) header. */
    public record Split(byte[] udh, byte[] payload, Concat concat) {
    }

    private UdhReader() {
    }

    public static Split split(byte[] shortMessage, boolean udhi) {
        byte[] sm = shortMessage == null ? new byte[0] : shortMessage;
        if (!udhi || sm.length == 0) {
            return new Split(new byte[0], sm, null);
        }
        int udhl = sm[0] & 0xFF;
        if (udhl + 1 > sm.length) {
            return new Split(new byte[0], sm, null); // a header longer than the message: not a header
        }
        Concat concat = null;
        int i = 1;
        while (i + 1 <= udhl) {
            int iei = sm[i] & 0xFF;
            int len = sm[i + 1] & 0xFF;
            int data = i + 2;
            if (data + len > udhl + 1) {
                break;
            }
            if (iei == 0x00 && len == 3) {
                concat = new Concat(sm[data] & 0xFF, sm[data + 1] & 0xFF, sm[data + 2] & 0xFF);
            } else if (iei == 0x08 && len == 4) {
                concat = new Concat((sm[data] & 0xFF) << 8 | sm[data + 1] & 0xFF, sm[data + 2] & 0xFF,
                        sm[data + 3] & 0xFF);
            }
            i = data + len;
        }
        return new Split(Arrays.copyOf(sm, udhl + 1), Arrays.copyOfRange(sm, udhl + 1, sm.length), concat);
    }
}
