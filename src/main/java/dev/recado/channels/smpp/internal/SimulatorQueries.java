package dev.recado.channels.smpp.internal;

import dev.recado.channels.smpp.SimulatedSubmission;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.QuerySmResult;

/**
 * The simulator's answers to query_sm, only ever about what the asking system_id submitted.
 * <ul>
 * <li>By message id (plain SMPP): the message's state, ENROUTE until its receipt went out, then
 * DELIVERED or UNDELIVERABLE with the final date; an unknown id gets ESME_RQUERYFAIL.</li>
 * <li>By our reference, {@code ref:<reference>} (the extension {@link ReferenceQuery} uses after a
 * crash): message_id of the response lists the ids of the parts the simulator holds, in part order,
 * comma-separated; {@code ref:<reference>#<n>} asks for part n alone. A reference never seen gets
 * ESME_RQUERYFAIL; ids too long for message_id (64 octets) get ESME_RSYSERR, so ask part by part.</li>
 * </ul>
 */
final class SimulatorQueries {

    private static final int MAX_MESSAGE_ID = 64;

    private SimulatorQueries() {
    }

    static QuerySmResult answer(QuerySm query, String systemId, SubmissionLog log) throws ProcessRequestException {
        String asked = query.getMessageId() == null ? "" : query.getMessageId();
        List<SimulatedSubmission> found = asked.startsWith(ReferenceQuery.PREFIX)
                ? byReference(asked.substring(ReferenceQuery.PREFIX.length()), log)
                : log.byId(asked).stream().toList();
        found = found.stream().filter(s -> Objects.equals(s.systemId(), systemId)).toList();
        if (found.isEmpty()) {
            throw new ProcessRequestException("no message " + asked, SmppStatus.ESME_RQUERYFAIL);
        }
        if (asked.startsWith(ReferenceQuery.PREFIX)) {
            String ids = found.stream().map(SimulatedSubmission::messageId).collect(Collectors.joining(","));
            if (ids.length() > MAX_MESSAGE_ID) {
                throw new ProcessRequestException("the ids do not fit message_id; ask part by part",
                        SmppStatus.ESME_RSYSERR);
            }
            // jSMPP echoes the request's message_id in the response: this is how the ids get there
            query.setMessageId(ids);
        }
        return state(found, log);
    }

    /** The parts kept for a reference, in order; with {@code #n}, only part n. */
    private static List<SimulatedSubmission> byReference(String key, SubmissionLog log) {
        int hash = key.lastIndexOf('#');
        Integer part = null;
        String reference = key;
        if (hash > 0 && key.substring(hash + 1).matches("\\d{1,3}")) {
            part = Integer.parseInt(key.substring(hash + 1));
            reference = key.substring(0, hash);
        }
        Integer wanted = part;
        return log.forReference(reference).stream()
                .filter(s -> wanted == null || (s.multipart() ? s.concatSequence() == wanted : wanted == 1))
                .sorted(Comparator.comparingInt(SimulatedSubmission::concatSequence))
                .toList();
    }

    /** Final once every part's receipt went out: delivered if all were, else undeliverable. */
    private static QuerySmResult state(List<SimulatedSubmission> parts, SubmissionLog log) {
        List<Optional<SubmissionLog.Receipted>> receipts = parts.stream()
                .map(s -> log.receiptOf(s.messageId())).toList();
        if (receipts.stream().anyMatch(Optional::isEmpty)) {
            return new QuerySmResult(null, MessageState.ENROUTE, (byte) 0);
        }
        boolean delivered = receipts.stream().allMatch(r -> r.orElseThrow().delivered());
        Instant last = receipts.stream().map(r -> r.orElseThrow().at()).max(Comparator.naturalOrder()).orElseThrow();
        return new QuerySmResult(SmppTime.absolute(last), delivered ? MessageState.DELIVERED
                : MessageState.UNDELIVERABLE, (byte) (delivered ? 0 : 1));
    }
}
