package dev.recado.content.sms;

import java.util.List;
import java.util.Objects;

/**
 * How a body will be sent as SMS.
 *
 * @param text         the body actually sent, after any smart-encoding swaps
 * @param encoding     GSM 7-bit when every char allows it, else UCS-2
 * @param segments     the number of parts (billing counts these)
 * @param units        septets for GSM 7-bit (extension chars count 2), UTF-16 code units for UCS-2
 * @param parts        the parts in order; their texts joined give {@code text}
 * @param replacements a note per kind of char smart encoding swapped, e.g. {@code ’ → '}
 */
public record SmsPlan(String text, SmsEncoding encoding, int segments, int units, List<SmsPart> parts,
        List<String> replacements) {

    public SmsPlan {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(encoding, "encoding");
        parts = List.copyOf(parts);
        replacements = List.copyOf(replacements);
        if (segments != parts.size()) {
            throw new IllegalArgumentException("segments " + segments + " but " + parts.size() + " parts");
        }
    }

    /** Whether the body needs concatenation (a UDH on every part). */
    public boolean multipart() {
        return segments > 1;
    }
}
