package dev.recado.channels.smpp.internal;

import dev.recado.content.sms.SmsEncoder;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.Reconciliation;
import dev.recado.messaging.spi.Reconciliation.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.jsmpp.PDUException;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QuerySmResp;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash reconciliation over SMPP itself ({@code reconcile_by_query}), for an SMSC that looks
 * messages up by the client's own reference, as our simulator does. SMPP 3.4 has no such lookup:
 * query_sm takes the SMSC's message_id, which a client that crashed before reading submit_sm_resp
 * never learnt. The extension reuses query_sm with message_id {@code ref:<reference>} (the
 * reference we send in vendor TLV 0x1400); for a long message each part is asked for on its own,
 * {@code ref:<reference>#<part>}, because the ids of many parts do not fit message_id's 64 octets.
 * <ul>
 * <li>query_sm_resp: message_id holds the SMSC's ids (comma-separated), so every part there is
 * ACCEPTED with them;</li>
 * <li>ESME_RQUERYFAIL (0x67) for every part: the SMSC never saw it, NOT_RECEIVED, safe to send;</li>
 * <li>anything else (another status, a timeout, no bind, only some parts there): UNKNOWN, which the
 * engine fails as {@code in_flight_at_crash} and never sends again.</li>
 * </ul>
 * Only for an SMSC known to implement it: a standard SMSC answers an id it does not know with
 * ESME_RQUERYFAIL too, which would read as "never received" and send the message a second time.
 */
final class ReferenceQuery {

    static final String PREFIX = "ref:";
    private static final Logger log = LoggerFactory.getLogger(ReferenceQuery.class);

    /** What the SMSC said of one reference or part. */
    private record Answer(Verdict verdict, List<String> ids) {
        static final Answer UNKNOWN = new Answer(Verdict.UNKNOWN, List.of());
        static final Answer NOT_RECEIVED = new Answer(Verdict.NOT_RECEIVED, List.of());
    }

    private final SmppSettings settings;
    private final Supplier<SmppClientSession> session;
    private final String sender;

    ReferenceQuery(SmppSettings settings, Supplier<SmppClientSession> session, String sender) {
        this.settings = settings;
        this.session = session;
        this.sender = sender;
    }

    /** Asks for every message, at most a window's worth of queries on the wire at once. */
    List<Reconciliation> reconcile(List<OutboundMessage> inFlight) {
        Semaphore window = new Semaphore(settings.window());
        List<Future<Reconciliation>> answers = new ArrayList<>(inFlight.size());
        try (ExecutorService queries = Executors.newVirtualThreadPerTaskExecutor()) {
            for (OutboundMessage m : inFlight) {
                answers.add(queries.submit(() -> {
                    window.acquire();
                    try {
                        return reconcile(m);
                    } finally {
                        window.release();
                    }
                }));
            }
        }
        List<Reconciliation> result = new ArrayList<>(inFlight.size());
        for (int i = 0; i < inFlight.size(); i++) {
            try {
                result.add(answers.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.add(Reconciliation.unknown(inFlight.get(i).messageId()));
            } catch (ExecutionException e) {
                result.add(Reconciliation.unknown(inFlight.get(i).messageId()));
            }
        }
        return result;
    }

    Reconciliation reconcile(OutboundMessage m) {
        if (m.reference() == null) {
            return Reconciliation.unknown(m.messageId());
        }
        int parts;
        try {
            parts = SmsEncoder.plan(m.body(), m.smartEncoding()).segments();
        } catch (RuntimeException e) {
            return Reconciliation.unknown(m.messageId());
        }
        if (parts == 1) {
            Answer a = ask(PREFIX + m.reference(), m);
            return new Reconciliation(m.messageId(), a.verdict(), a.ids());
        }
        List<String> ids = new ArrayList<>(parts);
        int missing = 0;
        for (int part = 1; part <= parts; part++) {
            Answer a = ask(PREFIX + m.reference() + "#" + part, m);
            switch (a.verdict()) {
                case UNKNOWN -> {
                    return Reconciliation.unknown(m.messageId());
                }
                case NOT_RECEIVED -> missing++;
                case ACCEPTED -> ids.addAll(a.ids());
            }
        }
        if (missing == parts) {
            return new Reconciliation(m.messageId(), Verdict.NOT_RECEIVED, List.of());
        }
        // some parts there and some not: sending again would duplicate the ones there
        return missing == 0 ? new Reconciliation(m.messageId(), Verdict.ACCEPTED, List.copyOf(ids))
                : Reconciliation.unknown(m.messageId());
    }

    private Answer ask(String key, OutboundMessage m) {
        SmppClientSession s = session.get();
        if (s == null) {
            return Answer.UNKNOWN;
        }
        String from = m.from() == null || m.from().isBlank() ? settings.sourceAddress() : m.from();
        AddressRules.SmppAddress source = AddressRules.source(from, settings.sourceTon(), settings.sourceNpi());
        try {
            QuerySmResp resp = s.query(key, TypeOfNumber.valueOf((byte) source.ton()),
                    NumberingPlanIndicator.valueOf((byte) source.npi()), source.address());
            List<String> ids = resp.getMessageId() == null ? List.of() : Arrays.stream(resp.getMessageId().split(","))
                    .map(String::trim).filter(id -> !id.isEmpty())
                    .map(id -> DeliveryReceipts.canonicalSubmitId(id, settings.receiptIdFormat())).toList();
            return ids.isEmpty() ? Answer.UNKNOWN : new Answer(Verdict.ACCEPTED, ids);
        } catch (NegativeResponseException e) {
            return e.getCommandStatus() == SmppStatus.ESME_RQUERYFAIL ? Answer.NOT_RECEIVED : Answer.UNKNOWN;
        } catch (ResponseTimeoutException | PDUException | IOException | RuntimeException e) {
            log.warn("SMPP sender {}: query_sm for {} got no answer ({}); the message stays unknown", sender, key,
                    e.toString());
            return Answer.UNKNOWN;
        }
    }
}
