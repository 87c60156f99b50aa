package dev.recado.campaigns.internal;

import dev.recado.campaigns.SegmentManagement.ChannelEstimate;
import dev.recado.campaigns.SegmentManagement.DestinationEstimate;
import dev.recado.campaigns.SegmentManagement.PassedOver;
import dev.recado.campaigns.SegmentManagement.SegmentSpread;
import dev.recado.common.PublicId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/campaigns/{id}/estimate}: the console's review of the campaign, field by field as
 * {@link dev.recado.campaigns.SegmentManagement.Estimate} tells it, with the start it assumes
 * ({@code starts_at}) and the channels priced in the order tried ({@code channels}, the keys of
 * {@code by_channel}; for {@code cheapest}, the candidates in their tie order).
 */
record CampaignEstimateResponse(String campaignId, Instant startsAt, String purpose, boolean cheapest,
        List<String> channels, Map<String, ChannelEstimate> byChannel, long unreachable, BigDecimal total,
        String currency, List<DestinationEstimate> topDestinations, String windowChannel, long outsideWindow,
        long outsideWindowSkipped, long deferredQuietHours, long capped, List<PassedOver> passedOver,
        Map<String, Long> reachUnknown, long windowPriced, Map<String, SegmentSpread> segments) {

    static CampaignEstimateResponse of(CampaignReviews.CampaignEstimate review) {
        var e = review.estimate();
        var c = review.campaign();
        return new CampaignEstimateResponse(PublicId.of(CampaignController.PREFIX, c.id()), review.at(), c.purpose(),
                c.cheapest(), List.copyOf(e.byChannel().keySet()), e.byChannel(), e.unreachable(), e.total(), e.currency(),
                e.topDestinations(), e.windowChannel(), e.outsideWindow(), e.outsideWindowSkipped(),
                e.deferredQuietHours(), e.capped(), e.passedOver(), e.reachUnknown(), e.windowPriced(), e.segments());
    }
}
