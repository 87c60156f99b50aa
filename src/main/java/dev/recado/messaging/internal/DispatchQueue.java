package dev.recado.messaging.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The dispatch queue as the engine sees it: claim due messages of one sender (moving them to
 * 'sending'), find what a dead process left claimed, put messages back with a delay, let scheduled
 * ones fall due, find expired ones. The database implementation ({@link DatabaseDispatchQueue}) is
 * the default; a broker adapter would implement this port, partitioned by sender, while the message
 * log ({@link MessageOutcomes}) stays in the database. Waking an idle dispatcher is the runtime's
 * ({@code SenderRuntime.wake}); with a broker, the delivery of a new item is the wake.
 */
interface DispatchQueue {

    /** A claimed message, with what sending and accounting need. */
    record Claimed(long id, long workspaceId, Long contactId, Long campaignId, String to, String from, String body,
            String content, boolean smartEncoding, int segments, Instant validUntil, BigDecimal price, int attempts,
            String statusCallback, String purpose, String channel, Long continuesRoute) {

        /** What the adapter sends; the content is parsed here, on the dispatcher's thread, not in the claim. */
        dev.recado.messaging.spi.OutboundMessage outbound() {
            return new dev.recado.messaging.spi.OutboundMessage(id, dev.recado.common.PublicId.of("msg_", id), to,
                    from, body, smartEncoding, validUntil, true, MessageStore.content(content, body), purpose);
        }
    }

    /** A null code and text keep the message's last error. */
    record Retry(long id, Instant nextAttemptAt, String code, String text) {
    }


    /** A message joining the queue: due now (queued) or at its send time (waiting, scheduled). */
    record Entry(long messageId, long senderId, boolean waiting, int priority, Instant dueAt, Instant validUntil) {
    }

    /** Accepted messages join, in the transaction that writes them. */
    void add(java.util.Collection<Entry> entries);

    /** Due queued messages of one sender, most urgent first, moved to 'sending'. */
    List<Claimed> claim(long senderId, int limit, Instant now);

    /** Messages left in 'sending' by a process that died; resolved before the sender dispatches again. */
    List<Claimed> inFlight(long senderId);

    /** Back in the queue, each not before its time. */
    void retry(List<Retry> retries, Instant now);

    /**
     * Claimed messages returned unsubmitted (their recipient is on hold, or the dispatcher stopped):
     * back in the queue like {@link #retry}, without the attempt the claim counted, so a long hold
     * never fails a message.
     */
    void putBack(List<Retry> held, Instant now);

    /**
     * The provider refused a message because the recipient gets too many: no message of the sender
     * to it goes before the returned time, which doubles with each refusal in a row from {@code base}.
     */
    Instant hold(long senderId, String to, java.time.Duration base, Instant now);

    /** The sender's recipients on hold now, with the end of each hold. */
    java.util.Map<String, Instant> holds(long senderId, Instant now);

    /** Scheduled messages whose time has come join the queue; returns how many. */
    int promoteScheduled(Instant now);

    /** Queued or scheduled messages past their validity, for the caller to end. */
    List<Claimed> dueToExpire(Instant now, int limit);

    /** Messages that reached a final status (or were sent) leave. */
    void remove(java.util.Collection<Long> messageIds);

    /** A stopped sender's queued and scheduled messages go to another sender; returns how many. */
    int moveAll(long fromSender, long toSender, Instant now);

    /** A sender's queued and scheduled messages, oldest first. */
    List<Claimed> waitingOrQueued(long senderId, int limit);
}
