package dev.recado.campaigns;

import java.time.Instant;

/**
 * A campaign moved: {@code change} is started (each occurrence of a routine too), resumed, paused,
 * completed, canceled or failed; {@code failure} says why for a paused or failed campaign that
 * stopped by itself (insufficient_balance, no_sender, …). Published in the transaction of the move,
 * once per move: the moves are guarded updates of the campaign's row.
 */
public record CampaignStatusChanged(long workspaceId, long campaignId, String change, String status, int occurrence,
        String failure, Instant at) {
}
