package dev.recado.campaigns;

import java.time.Instant;

/**
 * An A/B test's winner was recorded (once per campaign): {@code winner} is the variant's index,
 * {@code templateId} its template; the rest of the audience gets it from now on.
 */
public record CampaignAbWinnerChosen(long workspaceId, long campaignId, int winner, long templateId, String winnerBy,
        Instant decidedAt) {
}
