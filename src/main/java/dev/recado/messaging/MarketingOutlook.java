package dev.recado.messaging;

/**
 * What acceptance's marketing rules (quiet hours, frequency cap) would do to a recipient at one
 * moment, for estimates made before anything is sent. Rules are read once when it is made.
 */
public interface MarketingOutlook {

    /** Whether a marketing message to a contact in this IANA zone (null: the workspace's) would wait for quiet hours to end. */
    boolean defers(String contactZone);

    /** The cap's number of messages, or null when the workspace has no cap. */
    Integer capMessages();

    /**
     * Whether a contact whose recorded marketing sends ({@code frequency_counts.sends}) are these
     * already had the cap's number within its period, so a message now would be skipped {@code capped}.
     */
    boolean atCap(String recordedSends);
}
