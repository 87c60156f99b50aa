package dev.recado.channels.smpp.internal;

import dev.recado.content.sms.SmsEncoder;
import dev.recado.content.sms.SmsPart;
import dev.recado.content.sms.SmsPlan;
import dev.recado.content.sms.Udh;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;

/**
 * Sends a mobile-originated message to a bound receiver as a handset would: split by the same SMS
 * rules as outbound, each part a deliver_sm with a UDH (or SAR TLVs) when there is more than one.
 */
final class MoInjector {

    private final SimulatorServer server;
    private final AtomicInteger reference = new AtomicInteger();
    private final AtomicLong moId = new AtomicLong(System.currentTimeMillis());

    MoInjector(SimulatorServer server) {
        this.server = server;
    }

    /** Blocks until every part is acknowledged; throws when no receiver is bound or one is refused. */
    void inject(String systemId, String from, String to, String text, boolean sar) {
        SimulatorServer.Bound target = server.receiverFor(systemId);
        if (target == null) {
            throw new IllegalStateException("no receiver session is bound" + (systemId == null ? "" : " for " + systemId));
        }
        SmsPlan plan = SmsEncoder.plan(text, false);
        List<SmsPart> parts = plan.parts();
        int ref = reference.incrementAndGet() & 0xFF;
        int dataCoding = SmsText.dataCoding(plan.encoding());
        AddressRules.SmppAddress source = AddressRules.source(from, null, null);
        AddressRules.SmppAddress dest = AddressRules.source(to, null, null);
        for (int i = 0; i < parts.size(); i++) {
            byte[] body = parts.get(i).payload();
            int esm = 0;
            List<OptionalParameter> tlvs = new ArrayList<>();
            if (parts.size() == 1 && server.policy.moIds()) {
                // the SMSC's own id for the MO, as some carriers send it; redeliveries repeat it
                tlvs.add(new OptionalParameter.Receipted_message_id("MO" + moId.incrementAndGet()));
            }
            if (parts.size() > 1 && sar) {
                tlvs.add(OptionalParameters.newSarMsgRefNum(ref));
                tlvs.add(OptionalParameters.newSarTotalSegments(parts.size()));
                tlvs.add(OptionalParameters.newSarSegmentSeqnum(i + 1));
            } else if (parts.size() > 1) {
                body = Udh.prepend(Udh.concat8bit(ref, parts.size(), i + 1), body);
                esm = PduContent.ESM_UDHI;
            }
            // an SMSC that missed our deliver_sm_resp delivers the same PDU again
            for (int copy = 0; copy <= server.policy.moRedeliveries(); copy++) {
                try {
                    target.session().deliverShortMessage("", SimulatorServer.ton(source.ton()),
                            SimulatorServer.npi(source.npi()), source.address(), SimulatorServer.ton(dest.ton()),
                            SimulatorServer.npi(dest.npi()), dest.address(), new ESMClass(esm), (byte) 0, (byte) 0,
                            new RegisteredDelivery(0), new RawDataCoding((byte) dataCoding), body,
                            tlvs.toArray(OptionalParameter[]::new));
                } catch (Exception e) {
                    throw new IllegalStateException("deliver_sm of MO part " + (i + 1) + " failed: " + e, e);
                }
            }
        }
        server.moSent.incrementAndGet();
    }
}
