package dev.recado.channels.smpp.internal;

import dev.recado.channels.smpp.internal.DeliveryReceipts.IdFormat;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ProviderInbound;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter.Tag;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SMSC sends us: receipts and MO as deliver_sm. Runs on jSMPP's PDU threads and the
 * deliver_sm_resp waits for it, so it only parses and hands off to the listener. A receipt is
 * acknowledged only once the platform holds it, but its thread does not wait for that: the response
 * is deferred to the storing future ({@link DeferredAcks}). If the listener throws or storing fails
 * we answer ESME_RX_T_APPN and the SMSC delivers it again.
 */
final class InboundHandler implements MessageReceiverListener {

    private static final Logger log = LoggerFactory.getLogger(InboundHandler.class);
    private static final int TYPE_MASK = 0x3C;
    private static final int TYPE_RECEIPT = 0x04;
    private static final int TYPE_INTERMEDIATE = 0x20;

    private final AdapterListener listener;
    private final IdFormat idFormat;
    private final MoReassembler reassembler;
    private final Clock clock;
    private final String sender;

    InboundHandler(AdapterListener listener, IdFormat idFormat, MoReassembler reassembler, Clock clock,
            String sender) {
        this.listener = listener;
        this.idFormat = idFormat;
        this.reassembler = reassembler;
        this.clock = clock;
        this.sender = sender;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm pdu) throws ProcessRequestException {
        Instant now = clock.instant();
        int type = pdu.getEsmClass() & TYPE_MASK;
        try {
            if (type == TYPE_RECEIPT || type == TYPE_INTERMEDIATE) {
                receipt(pdu, now);
            } else if (type == 0) {
                mo(pdu, now);
            } else {
                log.debug("SMPP sender {}: ignoring deliver_sm with esm_class {}", sender, pdu.getEsmClass());
            }
        } catch (RuntimeException e) {
            DeferredAcks.cancelDeferral();
            log.warn("SMPP sender {}: deliver_sm not taken, the SMSC will retry", sender, e);
            throw new ProcessRequestException("not processed", SmppStatus.ESME_RX_T_APPN);
        }
    }

    private void receipt(DeliverSm pdu, Instant now) {
        PduContent content = PduContent.of(pdu);
        String text = (pdu.getDataCoding() & 0xFF) == SmsText.UCS2
                ? new String(content.payload(), StandardCharsets.UTF_16BE)
                : new String(content.payload(), StandardCharsets.ISO_8859_1);
        DeliveryReceipts.parse(text, PduContent.string(pdu, Tag.RECEIPTED_MESSAGE_ID.code()),
                PduContent.unsigned(pdu, Tag.MESSAGE_STATE.code()), idFormat, now)
                .ifPresentOrElse(r -> DeferredAcks.deferTo(listener.onReceipt(r)),
                        () -> log.warn("SMPP sender {}: receipt without a message id: {}", sender, text));
    }

    private void mo(DeliverSm pdu, Instant now) {
        PduContent content = PduContent.of(pdu);
        String from = e164(pdu.getSourceAddr(), pdu.getSourceAddrTon());
        String to = e164(pdu.getDestAddress(), pdu.getDestAddrTon());
        int dataCoding = pdu.getDataCoding() & 0xFF;
        if (content.concat() == null || content.concat().total() <= 1) {
            String smscId = PduContent.string(pdu, Tag.RECEIPTED_MESSAGE_ID.code());
            String id = smscId != null && !smscId.isBlank() ? "smsc-" + smscId
                    : MoIds.of(from, to, "dc" + dataCoding, content.payload(), now);
            deliver(from, to, SmsText.decode(content.payload(), dataCoding), id, now);
            return;
        }
        for (MoReassembler.Assembled whole : reassembler.add(from, to, content.concat(), content.payload(),
                dataCoding, now)) {
            deliver(whole, now);
        }
    }

    /** Releases concatenated MO whose missing parts never came; called by the adapter's timer. */
    void expire() {
        Instant now = clock.instant();
        reassembler.expire(now).forEach(whole -> deliver(whole, now));
    }

    private void deliver(MoReassembler.Assembled whole, Instant now) {
        if (!whole.complete()) {
            log.warn("SMPP sender {}: MO from {} released with parts missing", sender, whole.from());
        }
        deliver(whole.from(), whole.to(), SmsText.decode(whole.payload(), whole.dataCoding()),
                MoIds.of(whole.from(), whole.to(), "concat" + whole.reference() + "/" + whole.total(), new byte[0],
                        now), now);
    }

    private void deliver(String from, String to, String text, String providerId, Instant now) {
        // a stable id: the platform stores an MO the SMSC delivers again only once (and acknowledges it)
        listener.onInbound(new ProviderInbound(from, to, text, providerId, now));
    }

    /** International numbers come without their plus; we store E.164. */
    static String e164(String address, byte ton) {
        if (address == null) {
            return "";
        }
        return ton == AddressRules.TON_INTERNATIONAL && address.matches("\\d+") ? "+" + address : address;
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not supported", 0x03);
    }
}
