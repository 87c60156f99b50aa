package dev.recado.channels.smpp;

import dev.recado.channels.smpp.internal.SmsText;
import java.time.Instant;

/**
 * One submit_sm as the {@link SmscSimulator} received it, for tests and the sandbox to inspect.
 * {@code payload} is the message without its UDH (from short_message or the message_payload TLV);
 * the concatenation fields come from the UDH or the SAR TLVs ({@code sar}); a single message has
 * total 1 and reference and sequence 0.
 * {@code reference} is ours, read from vendor TLV 0x1400, or null when the client did not send it.
 */
public record SimulatedSubmission(String messageId, String systemId, String source, int sourceTon, int sourceNpi,
        String destination, int destTon, int destNpi, int dataCoding, int esmClass, int registeredDelivery,
        String validityPeriod, byte[] shortMessage, byte[] udh, byte[] payload, boolean sar, int concatReference,
        int concatTotal, int concatSequence, String reference, Instant receivedAt) {

    /** The payload decoded by its data_coding (GSM 03.38 unpacked, UCS-2, Latin-1...). */
    public String text() {
        return SmsText.decode(payload, dataCoding);
    }

    public boolean multipart() {
        return concatTotal > 1;
    }
}
