package dev.recado.content.sms;

/**
 * User data headers for concatenated SMS (3GPP TS 23.040, 9.2.3.24.1). Sent with the SMPP
 * {@code esm_class} UDHI flag so the handset reassembles the parts in order.
 */
public final class Udh {

    /** UDH length byte: the 5 bytes of one concatenation element that follow it. */
    private static final byte HEADER_LENGTH = 0x05;
    /** Information element: concatenated short message, 8-bit reference number. */
    private static final byte CONCAT_8BIT_REFERENCE = 0x00;
    private static final byte ELEMENT_LENGTH = 0x03;

    private Udh() {
    }

    /**
     * The 6-byte header {@code 05 00 03 ref total seq}.
     *
     * @param reference the same for every part of one message (0..255) and differing between
     *                  messages to the same handset, or their parts get mixed up
     * @param total     the number of parts (1..255)
     * @param sequence  this part's position, from 1 to {@code total}
     */
    public static byte[] concat8bit(int reference, int total, int sequence) {
        if (reference < 0 || reference > 255) {
            throw new IllegalArgumentException("reference must be 0..255: " + reference);
        }
        if (total < 1 || total > 255) {
            throw new IllegalArgumentException("total must be 1..255: " + total);
        }
        if (sequence < 1 || sequence > total) {
            throw new IllegalArgumentException("sequence must be 1.." + total + ": " + sequence);
        }
        return new byte[] {HEADER_LENGTH, CONCAT_8BIT_REFERENCE, ELEMENT_LENGTH,
            (byte) reference, (byte) total, (byte) sequence};
    }

    /** The header followed by the payload, as one {@code short_message}. */
    public static byte[] prepend(byte[] udh, byte[] payload) {
        byte[] message = new byte[udh.length + payload.length];
        System.arraycopy(udh, 0, message, 0, udh.length);
        System.arraycopy(payload, 0, message, udh.length, payload.length);
        return message;
    }
}
