package dev.recado.content.sms;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One part of an SMS as it goes on the wire.
 *
 * @param text    the characters of this part
 * @param payload the bytes of {@code text} for SMPP {@code short_message}, without any UDH: GSM
 *                7-bit as unpacked septets (one byte each, extension chars as 0x1B and their code),
 *                UCS-2 as UTF-16BE
 */
public record SmsPart(String text, byte[] payload) {

    public SmsPart {
        Objects.requireNonNull(text, "text");
        // Copied in and out so that a caller prepending a UDH cannot change a shared plan.
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload's length, without copying it. */
    public int payloadLength() {
        return payload.length;
    }

    // Records compare arrays by identity; parts are values, so compare the bytes.
    @Override
    public boolean equals(Object other) {
        return other instanceof SmsPart part && text.equals(part.text) && Arrays.equals(payload, part.payload);
    }

    @Override
    public int hashCode() {
        return 31 * text.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "SmsPart[text=" + text + ", payload=" + HexFormat.of().formatHex(payload) + "]";
    }
}
