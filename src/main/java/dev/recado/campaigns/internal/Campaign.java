package dev.recado.campaigns.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A campaign row with its counters; {@code skipped} is filled by the store's reads. A routine
 * ({@code routine} JSON, else null) keeps its current occurrence's time in {@code startAt}.
 */
record Campaign(long id, long workspaceId, String name, long segmentId, long templateId, String channel, String from,
        String purpose, Integer ratePerMinute, String scheduleType, Instant startAt, String status, int occurrence,
        long cursorId, String failure, Stats stats, Instant createdAt, Instant startedAt, Instant finishedAt,
        String routine, String channels, boolean cheapest) {

    static final String DRAFT = "draft";
    static final String SCHEDULED = "scheduled";
    static final String RUNNING = "running";
    static final String PAUSED = "paused";
    static final String COMPLETED = "completed";
    static final String CANCELED = "canceled";
    static final String FAILED = "failed";

    record Stats(long targeted, Map<String, Long> skipped, long accepted, long sent, long delivered, long undelivered,
            long failed, long canceled, BigDecimal cost) {

        /**
         * A campaign or occurrence row's counts: the fan-out's from the row, the engine's status
         * counts from the row (those counted before the shards existed) plus the shards'.
         */
        static Stats of(java.sql.ResultSet row, Map<String, Long> skipped, CountShards.Counts shards)
                throws java.sql.SQLException {
            return new Stats(row.getLong("targeted"), skipped, row.getLong("accepted"),
                    row.getLong("sent") + shards.sent(), row.getLong("delivered") + shards.delivered(),
                    row.getLong("undelivered") + shards.undelivered(), row.getLong("failed") + shards.failed(),
                    row.getLong("canceled_count") + shards.canceled(), row.getBigDecimal("cost"));
        }
    }

    /**
     * The channel order of a campaign with several channels, else null (one channel: {@link #channel});
     * for a {@code cheapest} campaign its candidates, which acceptance orders by price per recipient.
     */
    java.util.List<String> channelOrder() {
        return channels == null ? null : java.util.List.of(channels.split(","));
    }

    /** The channels it sends by, in order: its order, or its one channel. */
    java.util.List<String> channelsInOrder() {
        return channels == null ? java.util.List.of(channel) : channelOrder();
    }

    /** The client reference that makes a recipient's message unique in the database. */
    String clientRef(long contactId) {
        return "cmp:" + id + ":" + occurrence + ":" + contactId;
    }
}
