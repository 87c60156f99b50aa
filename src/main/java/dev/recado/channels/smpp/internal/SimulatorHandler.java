package dev.recado.channels.smpp.internal;

import dev.recado.channels.smpp.SimulatedSubmission;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * Answers the PDUs an ESME sends the simulator. submit_sm is decided by the policy, recorded, and
 * answered with a fresh id; its receipt is scheduled once the response is on the wire. query_sm is
 * answered by {@link SimulatorQueries} (by id, or by our reference after a crash). The rest of SMPP
 * is refused with ESME_RINVCMDID: the platform never sends it.
 */
final class SimulatorHandler implements ServerMessageReceiverListener, ServerResponseDeliveryListener {

    /** Vendor-specific TLV in which the Recado client sends its own message reference (ASCII). */
    static final short REFERENCE_TAG = 0x1400;
    private static final int ESME_RINVCMDID = 0x03;

    private final SimulatorServer server;
    private final AtomicLong nextId;
    /** Accepted, response not yet sent; the receipt delay is the one in force at acceptance. */
    private final Map<String, Accepted> awaitingResponse = new ConcurrentHashMap<>();

    private record Accepted(SimulatedSubmission submission, java.time.Duration receiptDelay) {
    }

    SimulatorHandler(SimulatorServer server) {
        this.server = server;
        // ids never repeat across restarts of a simulator on the same port, or receipts would cross
        this.nextId = new AtomicLong(server.clock.millis() * 1_000);
    }

    @Override
    public void onAcceptEnquireLink(EnquireLink enquireLink, Session source) {
        server.enquireLinks.incrementAndGet();
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession source) throws ProcessRequestException {
        server.submits.incrementAndGet();
        switch (server.policy.answer(sm.getDestAddress(), server.clock.instant())) {
            case THROTTLE -> {
                server.throttled.incrementAndGet();
                throw new ProcessRequestException("throttled", SmppStatus.ESME_RTHROTTLED);
            }
            case REJECT -> {
                server.rejected.incrementAndGet();
                throw new ProcessRequestException("invalid destination", SmppStatus.ESME_RINVDSTADR);
            }
            case ACCEPT -> {
            }
        }
        String id = Long.toHexString(nextId.getAndIncrement()).toUpperCase(java.util.Locale.ROOT);
        SimulatedSubmission submission = record(sm, id, server.systemIdOf(source));
        try {
            MessageId messageId = new MessageId(id);
            try {
                server.journal.accepted(submission); // kept before it is acknowledged, as a carrier does
            } catch (RuntimeException e) {
                throw new ProcessRequestException("cannot store the message", SmppStatus.ESME_RSYSERR, e);
            }
            server.submissions.add(submission);
            server.accepted.incrementAndGet();
            awaitingResponse.put(id, new Accepted(submission, server.policy.receiptDelay()));
            java.time.Duration stall = server.policy.nextSubmitStall();
            if (!stall.isZero()) {
                try {
                    Thread.sleep(stall); // the SMSC has it; only its answer is late
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new SubmitSmResult(messageId, new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("bad message id", SmppStatus.ESME_RSYSERR, e);
        }
    }

    private SimulatedSubmission record(SubmitSm sm, String id, String systemId) {
        PduContent content = PduContent.of(sm);
        UdhReader.Concat concat = content.concat();
        byte[] shortMessage = sm.getShortMessage() == null ? new byte[0] : sm.getShortMessage();
        return new SimulatedSubmission(id, systemId, sm.getSourceAddr(), sm.getSourceAddrTon() & 0xFF,
                sm.getSourceAddrNpi() & 0xFF, sm.getDestAddress(), sm.getDestAddrTon() & 0xFF,
                sm.getDestAddrNpi() & 0xFF, sm.getDataCoding() & 0xFF, sm.getEsmClass() & 0xFF,
                sm.getRegisteredDelivery() & 0xFF, sm.getValidityPeriod(), shortMessage, content.udh(),
                content.payload(), content.sar(), concat == null ? 0 : concat.reference(),
                concat == null ? 1 : concat.total(), concat == null ? 0 : concat.sequence(),
                PduContent.string(sm, REFERENCE_TAG), server.clock.instant());
    }

    @Override
    public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
        Accepted accepted = awaitingResponse.remove(result.getMessageId());
        if (accepted != null) {
            server.scheduleReceipt(accepted.submission(), accepted.receiptDelay());
        }
    }

    @Override
    public void onSubmitSmRespError(SubmitSmResult result, Exception cause, SMPPServerSession source) {
        // the SMSC has the message even if the ESME never learnt its id: it is delivered all the same
        onSubmitSmRespSent(result, source);
    }

    @Override
    public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession source) {
    }

    @Override
    public void onSubmitMultiRespError(SubmitMultiResult result, Exception cause, SMPPServerSession source) {
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti pdu, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("submit_multi");
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm pdu, SMPPServerSession source) throws ProcessRequestException {
        server.queries.incrementAndGet();
        if (!server.policy.answerQueries()) {
            throw unsupported("query_sm");
        }
        return SimulatorQueries.answer(pdu, server.systemIdOf(source), server.submissions);
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm pdu, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("replace_sm");
    }

    @Override
    public void onAcceptCancelSm(CancelSm pdu, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("cancel_sm");
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm pdu, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("broadcast_sm");
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm pdu, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("cancel_broadcast_sm");
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm pdu, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("query_broadcast_sm");
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm pdu, Session source) throws ProcessRequestException {
        throw unsupported("data_sm");
    }

    private static ProcessRequestException unsupported(String command) {
        return new ProcessRequestException(command + " is not simulated", ESME_RINVCMDID);
    }
}
