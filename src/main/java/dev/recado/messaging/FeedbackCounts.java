package dev.recado.messaging;

/**
 * Messages a provider reported on after sending, each counted once per kind: hard bounces (the
 * address cannot receive), soft bounces (it could not now) and complaints (marked as spam).
 */
public record FeedbackCounts(long hardBounces, long softBounces, long complaints) {

    public static final FeedbackCounts NONE = new FeedbackCounts(0, 0, 0);
}
