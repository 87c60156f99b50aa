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
 * {@code by_channel}; for {@code cheapest}, the candidates in their tie order). {@code ab_test}, null
 * without one, says how the figures count the A/B variants ({@link AbReview}): {@code assumes}
 * ({@code dearest_variant_wins} before the winner is chosen, {@code winner} after,
 * {@code winner_to_everyone} for a routine's later occurrences) and {@code assumed_winner}, the
 * range {@code total_min}–{@code total_max} over the possible winners, and per variant its
 * template, the campaign's total were it the winner, and its template alone for the whole audience.
 */
record CampaignEstimateResponse(String campaignId, Instant startsAt, String purpose, boolean cheapest,
        List<String> channels, Map<String, ChannelEstimate> byChannel, long unreachable, BigDecimal total,
        String currency, List<DestinationEstimate> topDestinations, String windowChannel, long outsideWindow,
        long outsideWindowSkipped, long deferredQuietHours, long capped, List<PassedOver> passedOver,
        Map<String, Long> reachUnknown, long windowPriced, Map<String, SegmentSpread> segments, AbTestEstimate abTest) {

    /** The campaign's A/B test as the figures count it. */
    record AbTestEstimate(int testSharePercent, Integer winner, String assumes, int assumedWinner, BigDecimal totalMin,
            BigDecimal totalMax, List<VariantEstimate> variants) {
    }

    /** {@code total}/{@code by_channel}_if_sent_to_all: its template alone for the whole audience. */
    record VariantEstimate(int variant, String templateId, BigDecimal totalIfWinner, BigDecimal totalIfSentToAll,
            Map<String, ChannelEstimate> byChannelIfSentToAll) {
    }

    static CampaignEstimateResponse of(CampaignReviews.CampaignEstimate review) {
        var e = review.estimate();
        var c = review.campaign();
        return new CampaignEstimateResponse(PublicId.of(CampaignController.PREFIX, c.id()), review.at(), c.purpose(),
                c.cheapest(), List.copyOf(e.byChannel().keySet()), e.byChannel(), e.unreachable(), e.total(), e.currency(),
                e.topDestinations(), e.windowChannel(), e.outsideWindow(), e.outsideWindowSkipped(),
                e.deferredQuietHours(), e.capped(), e.passedOver(), e.reachUnknown(), e.windowPriced(), e.segments(),
                review.ab() == null ? null : ab(review.ab()));
    }

    private static AbTestEstimate ab(AbReview.Result r) {
        return new AbTestEstimate(r.testSharePercent(), r.winner(), r.assumes(), r.assumedWinner(), r.totalMin(),
                r.totalMax(), r.variants().stream().map(v -> new VariantEstimate(v.index(),
                        PublicId.of(TemplateController.PREFIX, v.templateId()), v.totalIfWinner(), v.ifSentToAll().total(),
                        v.ifSentToAll().byChannel())).toList());
    }
}
