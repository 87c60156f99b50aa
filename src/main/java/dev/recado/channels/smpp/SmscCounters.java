package dev.recado.channels.smpp;

/** What the {@link SmscSimulator} has seen so far; a snapshot, not live. */
public record SmscCounters(long binds, long bindsRejected, int boundSessions, long submits, long accepted,
        long throttled, long rejected, long receiptsSent, long receiptsDropped, long moSent, long enquireLinks,
        long queries) {
}
