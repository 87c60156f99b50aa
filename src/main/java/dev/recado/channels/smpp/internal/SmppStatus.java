package dev.recado.channels.smpp.internal;

import dev.recado.messaging.spi.SubmitOutcome;
import java.time.Duration;
import java.util.Map;

/**
 * SMPP command_status values we act on, and how a negative submit_sm_resp becomes our outcome. Codes
 * are stable strings ({@code smpp_0x0000000b}) so the message log and the API can show them.
 */
public final class SmppStatus {

    public static final int ESME_ROK = 0x00;
    public static final int ESME_RINVMSGLEN = 0x01;
    public static final int ESME_RINVBNDSTS = 0x04;
    public static final int ESME_RSYSERR = 0x08;
    public static final int ESME_RINVSRCADR = 0x0A;
    public static final int ESME_RINVDSTADR = 0x0B;
    public static final int ESME_RINVMSGID = 0x0C;
    public static final int ESME_RBINDFAIL = 0x0D;
    public static final int ESME_RINVPASWD = 0x0E;
    public static final int ESME_RINVSYSID = 0x0F;
    public static final int ESME_RMSGQFUL = 0x14;
    public static final int ESME_RSUBMITFAIL = 0x45;
    public static final int ESME_RTHROTTLED = 0x58;
    public static final int ESME_RX_T_APPN = 0x64;
    /** query_sm: the SMSC has no such message (with the lookup by reference: it never saw it). */
    public static final int ESME_RQUERYFAIL = 0x67;
    public static final int ESME_RDELIVERYFAILURE = 0xFE;
    public static final int ESME_RUNKNOWNERR = 0xFF;

    static final Duration THROTTLED_RETRY = Duration.ofSeconds(1);
    static final Duration TRANSIENT_RETRY = Duration.ofSeconds(2);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(ESME_RINVMSGLEN, "invalid message length"),
            Map.entry(0x02, "invalid command length"),
            Map.entry(0x03, "invalid command id"),
            Map.entry(ESME_RINVBNDSTS, "incorrect bind status"),
            Map.entry(ESME_RSYSERR, "SMSC system error"),
            Map.entry(ESME_RINVSRCADR, "invalid source address"),
            Map.entry(ESME_RINVDSTADR, "invalid destination address"),
            Map.entry(ESME_RINVMSGID, "invalid message id"),
            Map.entry(ESME_RBINDFAIL, "bind failed"),
            Map.entry(ESME_RINVPASWD, "invalid password"),
            Map.entry(ESME_RINVSYSID, "invalid system_id"),
            Map.entry(ESME_RMSGQFUL, "message queue full"),
            Map.entry(0x48, "invalid source TON"),
            Map.entry(0x49, "invalid source NPI"),
            Map.entry(0x50, "invalid destination TON"),
            Map.entry(0x51, "invalid destination NPI"),
            Map.entry(ESME_RSUBMITFAIL, "submit failed"),
            Map.entry(ESME_RTHROTTLED, "throttled"),
            Map.entry(0x62, "invalid validity period"),
            Map.entry(ESME_RX_T_APPN, "temporary application error"),
            Map.entry(0x65, "permanent application error"),
            Map.entry(0x66, "rejected by application"),
            Map.entry(ESME_RQUERYFAIL, "query failed"),
            Map.entry(ESME_RDELIVERYFAILURE, "delivery failure"),
            Map.entry(ESME_RUNKNOWNERR, "unknown error"));

    private SmppStatus() {
    }

    public static String code(int status) {
        return String.format("smpp_0x%08x", status);
    }

    public static String describe(int status) {
        return NAMES.getOrDefault(status, "command_status " + String.format("0x%08x", status));
    }

    /** The SMSC asks us to slow down; the dispatcher backs off this sender. */
    public static boolean throttled(int status) {
        return status == ESME_RTHROTTLED || status == ESME_RMSGQFUL;
    }

    /**
     * Worth retrying later: load, a system error or a bind problem on the SMSC side. Everything else
     * (addresses, lengths, content, unknown vendor codes) fails the message: retrying the same PDU
     * would only be refused again.
     */
    public static boolean retryable(int status) {
        return throttled(status) || switch (status) {
            case ESME_RSYSERR, ESME_RINVBNDSTS, ESME_RSUBMITFAIL, ESME_RX_T_APPN, ESME_RDELIVERYFAILURE,
                    ESME_RUNKNOWNERR -> true;
            default -> false;
        };
    }

    /** A negative response (or generic_nack) to one part as our outcome. */
    public static SubmitOutcome outcome(int status, String context) {
        String text = describe(status) + (context == null ? "" : " " + context);
        if (throttled(status)) {
            return new SubmitOutcome.Transient(code(status), text, true, THROTTLED_RETRY);
        }
        return retryable(status)
                ? new SubmitOutcome.Transient(code(status), text, false, TRANSIENT_RETRY)
                : new SubmitOutcome.Permanent(code(status), text);
    }
}
