package dev.recado.channels.smpp.internal;

import java.nio.charset.StandardCharsets;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.MessageRequest;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameter.Tag;

/**
 * The message carried by a submit_sm or deliver_sm, read the same way on both sides: the body from
 * short_message or, when that is empty, the message_payload TLV; the UDH when esm_class says so;
 * concatenation from the UDH or else the SAR TLVs.
 */
public record PduContent(byte[] udh, byte[] payload, UdhReader.Concat concat, boolean sar) {

    static final int ESM_UDHI = 0x40;

    public static PduContent of(MessageRequest pdu) {
        byte[] body = pdu.getShortMessage();
        if (body == null || body.length == 0) {
            byte[] tlv = octets(pdu, Tag.MESSAGE_PAYLOAD.code());
            body = tlv == null ? new byte[0] : tlv;
        }
        UdhReader.Split split = UdhReader.split(body, (pdu.getEsmClass() & ESM_UDHI) != 0);
        if (split.concat() != null) {
            return new PduContent(split.udh(), split.payload(), split.concat(), false);
        }
        Integer ref = unsigned(pdu, Tag.SAR_MSG_REF_NUM.code());
        Integer total = unsigned(pdu, Tag.SAR_TOTAL_SEGMENTS.code());
        Integer seq = unsigned(pdu, Tag.SAR_SEGMENT_SEQNUM.code());
        if (ref != null && total != null && seq != null) {
            return new PduContent(split.udh(), split.payload(), new UdhReader.Concat(ref, total, seq), true);
        }
        return new PduContent(split.udh(), split.payload(), null, false);
    }

    /** An octet-string TLV as ASCII without a trailing NUL; null when absent. */
    public static String string(AbstractSmCommand pdu, short tag) {
        byte[] value = octets(pdu, tag);
        if (value == null) {
            return null;
        }
        int end = value.length;
        while (end > 0 && value[end - 1] == 0) {
            end--;
        }
        return new String(value, 0, end, StandardCharsets.US_ASCII);
    }

    /** An integer TLV (1, 2 or 4 bytes) as an unsigned value; null when absent. */
    public static Integer unsigned(AbstractSmCommand pdu, short tag) {
        OptionalParameter p = pdu.getOptionalParameter(tag);
        if (p instanceof OptionalParameter.Byte b) {
            return b.getValue() & 0xFF;
        }
        if (p instanceof OptionalParameter.Short s) {
            return s.getValue() & 0xFFFF;
        }
        if (p instanceof OptionalParameter.Int i) {
            return i.getValue();
        }
        if (p instanceof OptionalParameter.OctetString o && o.getValue().length == 1) {
            return o.getValue()[0] & 0xFF;
        }
        return null;
    }

    private static byte[] octets(AbstractSmCommand pdu, short tag) {
        return pdu.getOptionalParameter(tag) instanceof OptionalParameter.OctetString o ? o.getValue() : null;
    }
}
