package dev.recado.console.internal;

import dev.recado.messaging.Message;
import dev.recado.messaging.MessageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A message's steps, read off the status times the engine keeps on its row (the same reading as
 * the API's {@code events}), and whether the page should keep asking for news.
 */
final class MessageTimeline {

    /** One step; {@code status} is the wire name, which also picks the label and the badge colour. */
    record Step(String status, Instant at) {
    }

    private MessageTimeline() {
    }

    static List<Step> of(Message m) {
        List<Step> steps = new ArrayList<>();
        if ("inbound".equals(m.direction())) {
            steps.add(new Step("received", m.createdAt()));
            return steps;
        }
        steps.add(new Step("accepted", m.createdAt()));
        if (m.sendAt() != null) {
            steps.add(new Step("scheduled", m.createdAt()));
        }
        addIfHappened(steps, "queued", m.queuedAt());
        addIfHappened(steps, "sent", m.sentAt());
        addIfHappened(steps, "delivered", m.deliveredAt());
        addIfHappened(steps, "read", m.readAt());
        // delivered and read already stand above with their own times
        if (m.finalAt() != null && m.status() != MessageStatus.READ && m.status() != MessageStatus.DELIVERED) {
            steps.add(new Step(m.status().toString(), m.finalAt()));
        }
        return steps;
    }

    /**
     * Whether anything may still change that the reader is waiting for. Delivered is not final
     * (a read receipt may follow, on channels that have them), but SMS never sends one, so the
     * page stops there rather than poll forever.
     */
    static boolean moving(MessageStatus status) {
        return !status.terminal() && status != MessageStatus.DELIVERED;
    }

    private static void addIfHappened(List<Step> steps, String status, Instant at) {
        if (at != null) {
            steps.add(new Step(status, at));
        }
    }
}
