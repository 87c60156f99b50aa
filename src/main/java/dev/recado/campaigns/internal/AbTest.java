package dev.recado.campaigns.internal;

import java.time.Instant;
import java.util.List;

/**
 * A campaign's A/B test: {@code templateIds} are the variants in order. Who is in the test share and
 * which variant they get follow from a hash of (campaign, contact), so every node and every restart
 * splits the audience the same way without storing the split first.
 */
record AbTest(long campaignId, List<Long> templateIds, int testSharePercent, String winnerBy, int decideAfterMinutes,
        String phase, Instant decideAt, Integer winner, Instant decidedAt) {

    static final String TEST = "test";
    static final String DECIDE = "decide";
    static final String REST = "rest";

    /** In the test share: the hash's low part below the share, in steps of 0.01 %. */
    boolean inTest(long contactId) {
        return Long.remainderUnsigned(hash(contactId), 10_000) < testSharePercent * 100L;
    }

    /** The test variant of a contact in the test share: the hash's high part, independent of its low part. */
    int variantOf(long contactId) {
        return (int) Long.remainderUnsigned(Long.divideUnsigned(hash(contactId), 10_000), templateIds.size());
    }

    /** SplitMix64's finaliser over (campaign, contact): consecutive ids land far apart. */
    private long hash(long contactId) {
        long z = campaignId * 0x9E3779B97F4A7C15L + contactId;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
