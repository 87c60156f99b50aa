package dev.recado.campaigns;

import dev.recado.campaigns.SegmentManagement.Condition;
import dev.recado.campaigns.SegmentManagement.Estimate;
import dev.recado.campaigns.TemplateManagement.Preview;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Campaigns for other modules (the console): drafts saved and resumed, their review, state changes,
 * the report and landing pages, with the same checks and refusals ({@code ApiException} naming the field) as
 * the REST API, which goes through the same services.
 */
public interface CampaignManagement {

    /** {@code now}, {@code at} a time, or a {@code routine} (fields as the API's schedule object). */
    record Schedule(String type, Instant at, Integer everyDays, List<String> weekdays, String atLocalTime,
            String timezone, String until, Integer count) {
    }

    /**
     * What a builder saves; segment and template by public id ({@code seg_…}, {@code tpl_…}).
     * {@code channels}: an order of channels (ordered fallback), or null for {@code channel} alone; with
     * {@code channel} "cheapest", the candidates each recipient's order is made of by price. {@code from}
     * as the API's (a sender id or an approved name; null: each channel's default sender). A draft saved
     * again keeps its A/B test, which a builder does not edit.
     */
    record Draft(String name, String segmentId, String templateId, String channel, String purpose, Schedule schedule,
            Integer ratePerMinute, List<String> channels, String from) {
    }

    record Stats(long targeted, Map<String, Long> skipped, long accepted, long sent, long delivered, long undelivered,
            long failed, long canceled, BigDecimal cost) {
    }

    record CampaignView(long id, String name, String status, long segmentId, long templateId, String channel,
            String purpose, Schedule schedule, Integer ratePerMinute, Stats stats, String failure, Instant createdAt,
            Instant startedAt, Instant finishedAt, List<String> channels, String from) {
    }

    /**
     * A campaign's A/B test as the API set it: the variants' templates in order, the share of the audience
     * tested, what picks the winner and when; {@code winner} the index chosen, null until then.
     */
    record AbTestView(List<Long> templateIds, int testSharePercent, String winnerBy, int decideAfterMinutes,
            Integer winner) {
    }

    record TopLink(String url, long clicks, long unique) {
    }

    /** One UTC hour of the campaign: messages sent, delivered, and people's clicks. */
    record Hour(Instant hour, long sent, long delivered, long clicks) {
    }

    /** Clicks by people ({@code clicksBots}: previews and scanners, kept apart). */
    record Report(CampaignView campaign, long clicksUnique, long clicksTotal, long clicksBots, long optedOut,
            long conversions, List<TopLink> topLinks, List<Hour> series) {
    }

    record NewLandingPage(String slug, String title, String text, String imageUrl, String buttonLabel,
            String buttonUrl, String form) {
    }

    record LandingPageView(long id, String slug, String url, String title, String text, String buttonLabel,
            String buttonUrl, String form) {
    }

    /**
     * What a review looks at: a saved template ({@code templateId}) on {@code channels}, in the order a
     * recipient tries them ({@code cheapest}: its candidates, in the order that breaks price ties), or
     * text written and not saved yet ({@code written}: one variant, on its own channel alone); every
     * message naming {@code from} (null: each channel's default sender and its routes).
     */
    record ReviewContent(Long templateId, TemplateManagement.Variant written, List<String> channels,
            boolean cheapest, String from) {
    }

    /** A review's figures, and how they count the draft's A/B test (null without one). */
    record Review(Estimate estimate, AbTestReview abTest) {
    }

    /**
     * {@code assumes}: {@code dearest_variant_wins} before the winner is chosen (the figures are the
     * dearest case), {@code winner} after, {@code winner_to_everyone} for a routine's later occurrences;
     * the total lies between {@code totalMin} and {@code totalMax} whichever variant wins.
     */
    record AbTestReview(int variants, int testSharePercent, Integer winner, String assumes, BigDecimal totalMin,
            BigDecimal totalMax) {
    }

    /**
     * The sample contact's message on each channel the content has, in the order a recipient tries them
     * (for {@code cheapest}, by the sample's price); a channel the template has no variant for is left
     * out, and none at all is refused (422 naming {@code channel}).
     */
    Map<String, Preview> reviewPreviews(long workspaceId, String purpose, ReviewContent content, long contactId);

    /**
     * The review, by the code path of the API's campaign estimate: {@link SegmentManagement#estimate} of
     * the audience on the content's channels, each priced in the language of its {@code previews} (the
     * sample contact's variant) and at the segments of the content's own texts; a channel without a
     * preview takes the workspace's language. {@code draftId}: the draft being edited (null for a new
     * one), whose A/B test is reviewed with the content as starting it would send it: each variant's
     * template previewed for {@code sampleContact} and priced for the whole audience, then blended. So a
     * saved draft's review is its {@code GET /v1/campaigns/{id}/estimate}. Refused as that estimate is
     * (422 naming the field: a variant's template with none of the channels, a {@code from} every
     * channel refuses).
     */
    Review review(long workspaceId, Long draftId, String match, List<Condition> conditions, String purpose,
            ReviewContent content, Map<String, Preview> previews, long sampleContact, Instant at);

    List<CampaignView> list(long workspaceId, long beforeId, int limit);

    CampaignView require(long workspaceId, long id);

    /** The campaign's A/B test, if it has one (set through the API; a builder keeps it as it is). */
    Optional<AbTestView> abTest(long workspaceId, long id);

    /** A new draft when {@code draftId} is null, else that draft rewritten (refused once it left draft). */
    CampaignView saveDraft(long workspaceId, Long draftId, Draft draft);

    CampaignView start(long workspaceId, long id);

    CampaignView pause(long workspaceId, long id);

    CampaignView resume(long workspaceId, long id);

    CampaignView cancel(long workspaceId, long id);

    Report report(long workspaceId, long id);

    /** Every recipient's outcome as CSV, streamed a page at a time. */
    void recipientsCsv(long workspaceId, long id, OutputStream out);

    List<LandingPageView> landingPages(long workspaceId, long campaignId);

    LandingPageView addLandingPage(long workspaceId, long campaignId, NewLandingPage page);
}
