package dev.recado.campaigns.internal;

import dev.recado.campaigns.CampaignManagement.ReviewContent;
import dev.recado.campaigns.SegmentManagement;
import dev.recado.campaigns.SegmentManagement.ChannelContent;
import dev.recado.campaigns.SegmentManagement.Condition;
import dev.recado.campaigns.SegmentManagement.Estimate;
import dev.recado.campaigns.TemplateManagement;
import dev.recado.campaigns.TemplateManagement.Preview;
import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.workspace.WorkspaceManagement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.springframework.stereotype.Component;

/**
 * The campaign review, one path for the builder's form (through {@link CampaignFront}) and for a saved
 * campaign ({@code GET /v1/campaigns/{id}/estimate}), so the API answers what the console shows: the
 * sample contact's message on each channel of the content, then the estimate of the audience priced
 * in the languages those previews found and at the segments of the content's own texts.
 */
@Component
class CampaignReviews {

    /** A review's figures; {@code ab} how the A/B variants were counted, null without a test. */
    record Reviewed(Estimate estimate, AbReview.Result ab) {
    }

    /** A saved campaign's review and the start it assumes; {@code ab} how its A/B variants were counted, if it has them. */
    record CampaignEstimate(Campaign campaign, Instant at, Estimate estimate, AbReview.Result ab) {
    }

    private final CampaignService campaigns;
    private final AbTestStore abTests;
    private final ContentInUse inUse;
    private final SegmentStore segmentStore;
    private final TemplateStore templateStore;
    private final TemplateManagement templates;
    private final SegmentManagement segments;
    private final WorkspaceManagement workspaces;
    private final Clock clock;

    CampaignReviews(CampaignService campaigns, AbTestStore abTests, ContentInUse inUse, SegmentStore segmentStore,
            TemplateStore templateStore, TemplateManagement templates, SegmentManagement segments,
            WorkspaceManagement workspaces, Clock clock) {
        this.campaigns = campaigns;
        this.abTests = abTests;
        this.inUse = inUse;
        this.segmentStore = segmentStore;
        this.templateStore = templateStore;
        this.templates = templates;
        this.segments = segments;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    Map<String, Preview> previews(long workspaceId, String purpose, ReviewContent content, long contact) {
        if (content.written() != null) {
            return Map.of(content.written().channel(),
                    templates.previewUnsaved(workspaceId, purpose, content.written(), contact));
        }
        List<Preview> found = new ArrayList<>();
        ApiException noVariant = null;
        for (String channel : content.channels()) {
            try {
                found.add(templates.preview(workspaceId, content.templateId(), contact, channel, null));
            } catch (ApiException e) {
                if (e.status() >= 500 || e.errors().isEmpty() || !"channel".equals(e.errors().get(0).field())) {
                    throw e;
                }
                noVariant = e; // the template has no variant for this channel: nobody gets it there
            }
        }
        if (found.isEmpty() && noVariant != null) {
            throw noVariant;
        }
        if (content.cheapest()) {
            found.sort(Comparator.comparing(Preview::price, Comparator.nullsLast(Comparator.naturalOrder())));
        }
        Map<String, Preview> byChannel = new LinkedHashMap<>();
        found.forEach(p -> byChannel.put(p.channel(), p));
        return byChannel;
    }

    /**
     * The builder's review of its form, by the path that reviews a saved campaign ({@link #estimate(long, long)}):
     * the form's audience, content, {@code from} and start, with the A/B test of the draft it edits
     * ({@code draftId}, null for a new campaign), which the builder keeps as it is. {@code previews}: the
     * content's own for {@code sample}, as the builder showed them.
     */
    Reviewed review(long workspaceId, Long draftId, String match, List<Condition> conditions, String purpose,
            ReviewContent content, Map<String, Preview> previews, long sample, Instant at) {
        Optional<Campaign> draft = Optional.ofNullable(draftId).map(id -> campaigns.require(workspaceId, id));
        Optional<AbTest> ab = draft.flatMap(c -> abTests.find(c.id()));
        // a template the form names was previewed already; only a variant's can be gone here
        IntFunction<ApiException> gone = i -> ApiException.invalid(ab.isPresent()
                ? "ab_test.variants[" + i + "].template_id" : "template_id", "must name a template of this workspace (tpl_…)");
        return review(workspaceId, match, conditions, purpose, content, ab, draft.map(Campaign::occurrence).orElse(0),
                Optional.of(sample), previews, at, gone);
    }

    /**
     * A saved campaign's review as the builder shows it when the draft is resumed, and as starting it
     * would send: its segment, its template on its channels in their order, its purpose and cheapest
     * flag, starting at its scheduled time (a routine's next occurrence) when that is still to come,
     * else now. An empty audience has no sample contact: every channel is then priced in the
     * workspace's language, for nobody.
     * <ul>
     * <li>Refused as start refuses it when its segment or a template it names (an A/B variant's too)
     * was deleted: 409 {@code template_deleted} / {@code segment_deleted} naming the field
     * ({@link ContentInUse#refuseDeleted}). 422 naming the field when a template it would send has a
     * variant for none of the campaign's channels.</li>
     * <li>{@code from} is read as acceptance reads each message's: the one sender it names (or the
     * default sender showing the name) carries every number, with no routing by prefix, so it can
     * change a WhatsApp template's category and approval and so the price; a channel that refuses it
     * passes its recipients on ({@code passed_over}, {@code sender_not_allowed}), and a {@code from}
     * that every channel refuses (a sender deleted or disabled since) is 422 {@code sender_not_allowed}
     * naming {@code from}, which would fail the campaign on its first page.</li>
     * <li>With an A/B test the campaign's own template is never sent: each variant's template is priced
     * for the whole audience, and the figures are those variants blended as the runner sends them
     * ({@link AbReview}): the test share split evenly over them, the rest at the winner, which until
     * it is chosen is assumed to be the variant that makes the campaign dearest.</li>
     * </ul>
     */
    CampaignEstimate estimate(long workspaceId, long campaignId) {
        Campaign c = campaigns.require(workspaceId, campaignId);
        Optional<AbTest> ab = abTests.find(c.id());
        var content = ContentInUse.Content.of(c, ab);
        inUse.refuseDeleted(workspaceId, content);
        var audience = SegmentFront.view(segmentStore.find(workspaceId, c.segmentId())
                .orElseThrow(() -> deletedSince(workspaceId, content)));
        Instant now = clock.instant();
        Instant at = c.startAt() != null && c.startAt().isAfter(now) ? c.startAt() : now;
        List<String> order = c.channelsInOrder();
        Reviewed reviewed = review(workspaceId, audience.match(), audience.conditions(), c.purpose(),
                new ReviewContent(c.templateId(), null, order, c.cheapest(), c.from()), ab, c.occurrence(),
                sample(workspaceId, audience), null, at, i -> deletedSince(workspaceId, content));
        return new CampaignEstimate(c, at, reviewed.estimate(), reviewed.ab());
    }

    /**
     * The one review behind both: {@code content} as it would be sent, or with an A/B test each
     * variant's template instead (never the content's own) on the content's channels, each previewed
     * for the sample contact and priced for the whole audience, then blended by {@link AbReview}.
     * {@code previews}: the content's own when the caller has them, else made here. {@code gone}: the
     * refusal for the template sent {@code i}-th when it was deleted.
     */
    private Reviewed review(long workspaceId, String match, List<Condition> conditions, String purpose,
            ReviewContent content, Optional<AbTest> ab, int occurrence, Optional<Long> sample,
            Map<String, Preview> previews, Instant at, IntFunction<ApiException> gone) {
        List<String> order = content.written() != null ? List.of(content.written().channel()) : content.channels();
        List<Long> sent = ab.map(AbTest::templateIds)
                .orElse(content.templateId() == null ? List.of() : List.of(content.templateId()));
        refuseWithoutVariant(workspaceId, sent, order, ab.isPresent(), content.cheapest(), gone);
        if (ab.isEmpty()) {
            Map<String, Preview> own = previews != null ? previews
                    : sample.map(id -> previews(workspaceId, purpose, content, id)).orElse(Map.of());
            return new Reviewed(estimate(workspaceId, match, conditions, purpose, content, own, at), null);
        }
        List<Estimate> estimates = new ArrayList<>();
        for (long templateId : sent) {
            var variant = new ReviewContent(templateId, null, order, content.cheapest(), content.from());
            estimates.add(estimate(workspaceId, match, conditions, purpose, variant,
                    sample.map(id -> previews(workspaceId, purpose, variant, id)).orElse(Map.of()), at));
        }
        AbReview.Result tested = AbReview.of(ab.get(), occurrence, estimates, order);
        return new Reviewed(tested.estimate(), tested);
    }

    /** 422 naming the field when a template that would be sent has a variant for none of the channels. */
    private void refuseWithoutVariant(long workspaceId, List<Long> sent, List<String> order, boolean ab,
            boolean cheapest, IntFunction<ApiException> gone) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            int index = i;
            MessageTemplate template = templateStore.find(workspaceId, sent.get(i)).orElseThrow(() -> gone.apply(index));
            if (order.stream().allMatch(ch -> template.variant(ch, null, null).isEmpty())) {
                // cheapest and an order of two or more are saved as channels, one channel alone as channel
                String field = ab ? "ab_test.variants[" + i + "].template_id"
                        : cheapest || order.size() > 1 ? "channels" : "channel";
                problems.add(new FieldProblem(field, "the template has a variant for none of " + order));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    /**
     * Each channel of the content that has a variant, in the content's order (a cheapest campaign's
     * candidates break price ties in their saved order, not the sample's price order): its provider
     * template (WhatsApp's always is one, so no service window holds it back) and language as the
     * sample's variant, the sample's segments standing only where the texts cannot be rendered, and the
     * channel's variants, which SMS renders for each of the audience's contacts; every message naming
     * the content's {@code from}.
     */
    private Estimate estimate(long workspaceId, String match, List<Condition> conditions, String purpose,
            ReviewContent content, Map<String, Preview> previews, Instant at) {
        MessageTemplate template;
        List<String> order;
        if (content.written() != null) {
            template = new MessageTemplate(0, workspaceId, "", purpose, List.of(TemplateFront.variant(content.written())),
                    clock.instant());
            order = List.of(content.written().channel());
        } else if (content.templateId() != null) {
            template = templateStore.find(workspaceId, content.templateId())
                    .orElseThrow(() -> ApiException.notFound("Template"));
            order = content.channels();
        } else {
            throw ApiException.invalid("template_id", "is required");
        }
        String fallback = workspaces.require(workspaceId).defaultLanguage();
        List<ChannelContent> channels = new ArrayList<>();
        for (String channel : order) {
            Preview sample = previews.get(channel);
            template.variant(channel, sample != null ? sample.language() : fallback, fallback).ifPresent(v ->
                    channels.add(new ChannelContent(channel, v.whatsappTemplate(), v.language(),
                            sample != null ? sample.segments() : 1, template.variants().stream()
                                    .filter(o -> o.channel().equals(channel)).map(TemplateFront::view).toList(),
                            content.from())));
        }
        return segments.estimate(workspaceId, match, conditions, purpose, channels, content.cheapest(), at);
    }

    /** Deleted between the check and this read: answered as the check answers it. */
    private ApiException deletedSince(long workspaceId, ContentInUse.Content content) {
        inUse.refuseDeleted(workspaceId, content);
        return ApiException.notFound("Campaign content");
    }

    /** The audience's first contact; conditions saved once but refused now are the segment's fault. */
    private Optional<Long> sample(long workspaceId, SegmentManagement.SegmentView audience) {
        try {
            return segments.firstContact(workspaceId, audience.match(), audience.conditions());
        } catch (ApiException e) {
            if (e.status() != 422) {
                throw e;
            }
            throw ApiException.invalid(e.errors().stream()
                    .map(p -> new FieldProblem("segment_id", "the segment's " + p.field() + " " + p.message()))
                    .toList());
        }
    }
}
