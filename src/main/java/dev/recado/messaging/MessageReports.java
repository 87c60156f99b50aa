package dev.recado.messaging;

import dev.recado.messaging.internal.MessageReportQueries;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** Read-only figures over the message log, for dashboards: every number traces back to its messages. */
@Service
public class MessageReports {

    private final MessageReportQueries queries;

    MessageReports(MessageReportQueries queries) {
        this.queries = queries;
    }

    /** Messages created in [from, to), counted per quarter hour, channel, direction and status. */
    public List<MessageVolume> volume(long workspaceId, Instant from, Instant to) {
        return queries.volume(workspaceId, from, to);
    }

    /** Bounces and complaints of each campaign's messages; campaigns without any are absent. */
    public java.util.Map<Long, FeedbackCounts> feedbackByCampaign(long workspaceId, java.util.Collection<Long> campaignIds) {
        return queries.feedback(workspaceId, "campaign_id", campaignIds);
    }

    /** Whether the workspace has ever sent a message (any status): the "send a test" first step. */
    public boolean hasSent(long workspaceId) {
        return queries.hasOutbound(workspaceId);
    }
}
