package dev.recado.channels.smpp.internal;

import dev.recado.content.sms.SmsEncoder;
import dev.recado.content.sms.SmsPlan;
import dev.recado.content.sms.Udh;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.SubmitOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jsmpp.GenericNackResponseException;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;

/**
 * Sends one message as one submit_sm per part: GSM 7-bit unpacked (data_coding 0x00) or UCS-2
 * (0x08); parts tied by a UDH (esm_class 0x40, 8-bit reference) or SAR TLVs; our reference in
 * vendor TLV 0x1400 so an SMSC that keeps it (the simulator) can answer reconciliation. Every way
 * a part can fail becomes a Transient or Permanent outcome with a stable code.
 *
 * <p>Parts go in order and stop at the first failure. If part k fails after parts 1..k-1 were
 * accepted, the outcome is part k's failure (its text lists the ids already accepted), not Accepted:
 * claiming success for a truncated message would hide it, and nothing here re-sends a part. The cost
 * is that a Transient retry sends the whole message again under a new reference, so the handset may
 * show the earlier fragment on its own; that is preferred to a message silently cut short.
 */
final class PartSender {

    /** Vendor-specific TLV carrying {@link OutboundMessage#reference()} as ASCII. */
    static final short REFERENCE_TAG = 0x1400;
    private static final int MAX_PARTS = 255;
    /** No submit_sm_resp in time: the adapter reconciles before anything is retried. */
    static final String TIMEOUT = "smpp_timeout";

    private final SmppSettings settings;
    private final Supplier<SMPPSession> transmitter;
    private final StateReporter state;
    private final Clock clock;
    private final Semaphore window;
    private final AtomicInteger concatReference = new AtomicInteger(ThreadLocalRandom.current().nextInt(0x10000));

    PartSender(SmppSettings settings, Supplier<SMPPSession> transmitter, StateReporter state, Clock clock) {
        this.settings = settings;
        this.transmitter = transmitter;
        this.state = state;
        this.clock = clock;
        this.window = new Semaphore(settings.window());
    }

    SubmitOutcome send(OutboundMessage m) {
        SmsPlan plan;
        try {
            plan = SmsEncoder.plan(m.body(), m.smartEncoding());
        } catch (RuntimeException e) {
            return new SubmitOutcome.Permanent("smpp_invalid_message", "cannot encode the body: " + e.getMessage());
        }
        if (plan.segments() > MAX_PARTS) {
            return new SubmitOutcome.Permanent("smpp_too_long", plan.segments() + " parts; at most " + MAX_PARTS);
        }
        String from = m.from() == null || m.from().isBlank() ? settings.sourceAddress() : m.from();
        if (from == null || from.isBlank()) {
            return new SubmitOutcome.Permanent("smpp_no_source", "no sender id on the message or the sender");
        }
        AddressRules.SmppAddress source = AddressRules.source(from, settings.sourceTon(), settings.sourceNpi());
        if (AddressRules.alphanumeric(source.address()) && source.address().length() > AddressRules.MAX_ALPHANUMERIC) {
            return new SubmitOutcome.Permanent("smpp_invalid_source", "an alphanumeric sender id has at most 11 characters");
        }
        if (m.validUntil() != null && !m.validUntil().isAfter(clock.instant())) {
            return new SubmitOutcome.Permanent("expired", "the validity period ended before submit");
        }
        AddressRules.SmppAddress dest = AddressRules.destination(m.to());
        String validity = m.validUntil() == null ? null : SmppTime.absolute(m.validUntil());
        RegisteredDelivery receipt = new RegisteredDelivery(settings.registeredDelivery() && m.requestReceipt() ? 1 : 0);
        RawDataCoding dataCoding = new RawDataCoding((byte) SmsText.dataCoding(plan.encoding()));
        int reference = concatReference.getAndIncrement() & (settings.concatenation() == SmppSettings.Concatenation.SAR
                ? 0xFFFF : 0xFF);
        int total = plan.segments();
        List<String> ids = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            byte[] body = plan.parts().get(i).payload();
            int esm = 0;
            List<OptionalParameter> tlvs = new ArrayList<>(4);
            if (m.reference() != null) {
                tlvs.add(new OptionalParameter.OctetString(REFERENCE_TAG, m.reference().getBytes(StandardCharsets.US_ASCII)));
            }
            if (total > 1 && settings.concatenation() == SmppSettings.Concatenation.SAR) {
                tlvs.add(OptionalParameters.newSarMsgRefNum(reference));
                tlvs.add(OptionalParameters.newSarTotalSegments(total));
                tlvs.add(OptionalParameters.newSarSegmentSeqnum(i + 1));
            } else if (total > 1) {
                body = Udh.prepend(Udh.concat8bit(reference, total, i + 1), body);
                esm = PduContent.ESM_UDHI;
            }
            String context = total == 1 ? null : "(part " + (i + 1) + " of " + total + (ids.isEmpty() ? ")"
                    : "; accepted before: " + ids + ")");
            try {
                window.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SubmitOutcome.Transient("smpp_closed", "the SMPP sender closed" + suffix(context), false,
                        SmppStatus.TRANSIENT_RETRY);
            }
            // taken after the window opens: waiting may have outlasted the bind it would have used
            SMPPSession session = transmitter.get();
            try {
                if (session == null) {
                    return new SubmitOutcome.Transient("smpp_not_bound", "not bound to the SMSC" + suffix(context),
                            false, SmppStatus.THROTTLED_RETRY);
                }
                String id = session.submitShortMessage("", TypeOfNumber.valueOf((byte) source.ton()),
                        NumberingPlanIndicator.valueOf((byte) source.npi()), source.address(),
                        TypeOfNumber.valueOf((byte) dest.ton()), NumberingPlanIndicator.valueOf((byte) dest.npi()),
                        dest.address(), new ESMClass(esm), (byte) 0, (byte) 0, null, validity, receipt, (byte) 0,
                        dataCoding, (byte) 0, body, tlvs.toArray(OptionalParameter[]::new)).getMessageId();
                ids.add(DeliveryReceipts.canonicalSubmitId(id, settings.receiptIdFormat()));
            } catch (NegativeResponseException e) {
                return refused(e.getCommandStatus(), context);
            } catch (GenericNackResponseException e) {
                return refused(e.getCommandStatus(), "(generic_nack)" + suffix(context));
            } catch (ResponseTimeoutException e) {
                // the SMSC may have it: a retry may duplicate, which is why reconcile exists
                return new SubmitOutcome.Transient(TIMEOUT, "no submit_sm_resp within "
                        + settings.submitTimeout().toSeconds() + "s" + suffix(context), false, SmppStatus.TRANSIENT_RETRY);
            } catch (InvalidResponseException e) {
                return new SubmitOutcome.Transient("smpp_invalid_response", e.getMessage() + suffix(context), false,
                        SmppStatus.TRANSIENT_RETRY);
            } catch (PDUException e) {
                return new SubmitOutcome.Permanent("smpp_invalid_pdu", e.getMessage() + suffix(context));
            } catch (IOException e) {
                return new SubmitOutcome.Transient("smpp_io", e.getMessage() + suffix(context), false,
                        SmppStatus.TRANSIENT_RETRY);
            } catch (IllegalArgumentException e) {
                return new SubmitOutcome.Permanent("smpp_invalid_pdu", e.getMessage() + suffix(context));
            } finally {
                window.release();
            }
        }
        state.unthrottled();
        return new SubmitOutcome.Accepted(List.copyOf(ids));
    }

    private SubmitOutcome refused(int status, String context) {
        if (SmppStatus.throttled(status)) {
            state.throttled();
        }
        return SmppStatus.outcome(status, context);
    }

    private static String suffix(String context) {
        return context == null ? "" : " " + context;
    }
}
