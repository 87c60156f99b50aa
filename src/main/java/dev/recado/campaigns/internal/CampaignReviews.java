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
import org.springframework.stereotype.Component;

/**
 * The campaign review, one path for the builder's form (through {@link CampaignFront}) and for a saved
 * campaign ({@code GET /v1/campaigns/{id}/estimate}), so the API answers what the console shows: the
 * sample contact's message on each channel of the content, then the estimate of the audience priced
 * in the languages those previews found and at the segments of the content's own texts.
 */
@Component
class CampaignReviews {

    /** A saved campaign's review and the start it assumes. */
    record CampaignEstimate(Campaign campaign, Instant at, Estimate estimate) {
    }

    private final CampaignService campaigns;
    private final SegmentStore segmentStore;
    private final TemplateStore templateStore;
    private final TemplateManagement templates;
    private final SegmentManagement segments;
    private final WorkspaceManagement workspaces;
    private final Clock clock;

    CampaignReviews(CampaignService campaigns, SegmentStore segmentStore, TemplateStore templateStore,
            TemplateManagement templates, SegmentManagement segments, WorkspaceManagement workspaces, Clock clock) {
        this.campaigns = campaigns;
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
     * Each channel of the content that has a variant, in the content's order (a cheapest campaign's
     * candidates break price ties in their saved order, not the sample's price order): its provider
     * template (WhatsApp's always is one, so no service window holds it back) and language as the
     * sample's variant, the sample's segments standing only where the texts cannot be rendered, and the
     * channel's variants, which SMS renders for each of the audience's contacts.
     */
    Estimate estimate(long workspaceId, String match, List<Condition> conditions, String purpose,
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
                                    .filter(o -> o.channel().equals(channel)).map(TemplateFront::view).toList())));
        }
        return segments.estimate(workspaceId, match, conditions, purpose, channels, content.cheapest(), at);
    }

    /**
     * A saved campaign's review as the builder shows it when the draft is resumed: its segment, its
     * template on its channels in their order, its purpose and cheapest flag, starting at its scheduled
     * time (a routine's next occurrence) when that is still to come, else now. An empty audience has no
     * sample contact: every channel is then priced in the workspace's language, for nobody. Refused
     * (422 naming the field) when the segment or template was deleted or the template has no variant
     * for any of the campaign's channels; its A/B variants and {@code from} are not looked at.
     */
    CampaignEstimate estimate(long workspaceId, long campaignId) {
        Campaign c = campaigns.require(workspaceId, campaignId);
        List<String> order = c.channelOrder() != null ? c.channelOrder() : List.of(c.channel());
        List<FieldProblem> problems = new ArrayList<>();
        Optional<Segment> segment = segmentStore.find(workspaceId, c.segmentId());
        if (segment.isEmpty()) {
            problems.add(new FieldProblem("segment_id", "the campaign's segment was deleted; choose another one"));
        }
        Optional<MessageTemplate> template = templateStore.find(workspaceId, c.templateId());
        if (template.isEmpty()) {
            problems.add(new FieldProblem("template_id", "the campaign's template was deleted; choose another one"));
        } else if (order.stream().allMatch(ch -> template.get().variant(ch, null, null).isEmpty())) {
            problems.add(new FieldProblem(c.channelOrder() != null ? "channels" : "channel",
                    "the template has a variant for none of " + order));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        var audience = SegmentFront.view(segment.get());
        Instant now = clock.instant();
        Instant at = c.startAt() != null && c.startAt().isAfter(now) ? c.startAt() : now;
        var content = new ReviewContent(c.templateId(), null, order, c.cheapest());
        Map<String, Preview> previews = sample(workspaceId, audience)
                .map(contact -> previews(workspaceId, c.purpose(), content, contact)).orElse(Map.of());
        return new CampaignEstimate(c, at, estimate(workspaceId, audience.match(), audience.conditions(), c.purpose(),
                content, previews, at));
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
