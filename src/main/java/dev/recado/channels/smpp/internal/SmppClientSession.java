package dev.recado.channels.smpp.internal;

import java.io.IOException;
import org.jsmpp.PDUException;
import org.jsmpp.PDUReader;
import org.jsmpp.PDUSender;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QuerySmResp;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.QuerySmCommandTask;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.ConnectionFactory;

/**
 * A jSMPP client session that can also hand back a whole query_sm_resp. jSMPP's own
 * {@code queryShortMessage} drops the response's message_id and refuses any that differs from the
 * one asked; the lookup by reference ({@link ReferenceQuery}) needs exactly that field, because the
 * SMSC answers a reference with the message ids it gave the parts.
 */
public final class SmppClientSession extends SMPPSession {

    public SmppClientSession(PDUSender sender, PDUReader reader, ConnectionFactory connections) {
        super(sender, reader, connections);
    }

    /** Sends query_sm and returns the response as received; a negative one throws with its status. */
    public QuerySmResp query(String messageId, TypeOfNumber sourceTon, NumberingPlanIndicator sourceNpi,
            String sourceAddress) throws PDUException, ResponseTimeoutException, NegativeResponseException,
            IOException {
        ensureTransmittable("query_sm");
        try {
            return (QuerySmResp) executeSendCommand(new QuerySmCommandTask(pduSender(), messageId, sourceTon,
                    sourceNpi, sourceAddress), getTransactionTimer());
        } catch (org.jsmpp.InvalidResponseException e) {
            throw new IOException("invalid query_sm_resp: " + e.getMessage(), e);
        }
    }
}
