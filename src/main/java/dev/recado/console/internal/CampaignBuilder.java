package dev.recado.console.internal;

import dev.recado.campaigns.CampaignManagement;
import dev.recado.campaigns.SegmentManagement;
import dev.recado.campaigns.TemplateManagement;
import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.common.PublicId;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the builder's live panels show (recipients, a sample contact's message with its segments
 * and price, and the review: what each channel really takes, priced at each recipient's own
 * destination, and who would be held or skipped) and its saving: a tag becomes its segment and
 * written text a template before the draft is saved, all through the campaigns module's fronts.
 */
@Component
class CampaignBuilder {

    /**
     * The panels: each part null when the form does not say enough yet; {@code problem} what is wrong.
     * {@code estimate}: the review, for the audience on the channels the content has, in the order
     * they are tried, from the form's sender, as if the campaign began at its start; {@code abTest} how
     * it counts the draft's A/B test ({@link CampaignManagement#review}, the API's campaign estimate too).
     */
    record Live(Long recipients, String audienceProblem, TemplateManagement.Preview preview, String contentProblem,
            SegmentManagement.Estimate estimate, CampaignManagement.AbTestReview abTest) {
    }

    private final CampaignManagement campaigns;
    private final SegmentManagement segments;
    private final TemplateManagement templates;
    private final ProblemTexts problems;
    private final Clock clock;

    CampaignBuilder(CampaignManagement campaigns, SegmentManagement segments, TemplateManagement templates,
            ProblemTexts problems, Clock clock) {
        this.campaigns = campaigns;
        this.segments = segments;
        this.templates = templates;
        this.problems = problems;
        this.clock = clock;
    }

    Live live(long workspaceId, CampaignBuilderForm form, String defaultLanguage, ZoneId zone) {
        Long recipients = null;
        Optional<Long> sample = Optional.empty();
        String audienceProblem = null;
        Optional<Conditions> audience = Optional.empty();
        try {
            audience = audience(workspaceId, form);
            if (audience.isPresent()) {
                recipients = segments.count(workspaceId, audience.get().match(), audience.get().conditions());
                sample = segments.firstContact(workspaceId, audience.get().match(), audience.get().conditions());
            }
        } catch (ApiException e) {
            audienceProblem = refusal(e);
        }
        Optional<CampaignManagement.ReviewContent> content = content(form, defaultLanguage);
        Map<String, TemplateManagement.Preview> byChannel = Map.of();
        String contentProblem = null;
        try {
            if (sample.isPresent() && content.isPresent()) {
                byChannel = campaigns.reviewPreviews(workspaceId, form.getPurpose(), content.get(), sample.get());
            }
        } catch (ApiException e) {
            contentProblem = refusal(e);
        }
        CampaignManagement.Review review = null;
        if (audience.isPresent() && !byChannel.isEmpty()) {
            try {
                review = campaigns.review(workspaceId, form.draftCampaignId(), audience.get().match(), audience.get().conditions(),
                        form.getPurpose(), content.get(), byChannel, sample.get(), form.startsAt(zone, clock.instant()));
            } catch (ApiException e) {
                contentProblem = refusal(e);
            }
        }
        return new Live(recipients, audienceProblem, byChannel.values().stream().findFirst().orElse(null),
                contentProblem, review == null ? null : review.estimate(), review == null ? null : review.abTest());
    }

    /** The form's content once it says enough: text typed here, or a saved template on the channels chosen. */
    private static Optional<CampaignManagement.ReviewContent> content(CampaignBuilderForm form, String defaultLanguage) {
        if (form.writesContent()) {
            return form.getBody() == null ? Optional.empty() : Optional.of(new CampaignManagement.ReviewContent(null,
                    form.variant(defaultLanguage), List.of("sms"), false, form.getFrom()));
        }
        return PublicId.parse(CampaignIds.TEMPLATE, form.getTemplateId()).map(id ->
                new CampaignManagement.ReviewContent(id, null, form.channelOrder(), form.isCheapest(), form.getFrom()));
    }

    /** Saves the draft (a new one, or the one resumed) and answers it; refusals name the form's fields. */
    CampaignManagement.CampaignView save(long workspaceId, CampaignBuilderForm form, ZoneId zone, String defaultLanguage) {
        List<String> unreadable = form.unreadableNumbers();
        if (!unreadable.isEmpty()) {
            throw ApiException.invalid(unreadable.stream().distinct()
                    .map(f -> new FieldProblem(f, "must be a whole number or a time")).toList());
        }
        String segment = form.getSegmentId();
        if (form.byTag()) {
            if (form.getTag() == null) {
                throw ApiException.invalid("tag", "is required");
            }
            segment = PublicId.of(CampaignIds.SEGMENT, segments.forTag(workspaceId, form.getTag()).id());
        }
        if (form.writesContent()) {
            String name = form.getTemplateName() != null ? form.getTemplateName() : form.getName();
            var template = templates.create(workspaceId, name, form.getPurpose(),
                    List.of(form.variant(defaultLanguage)));
            // from here on the text is a saved template: a refusal below does not create it twice
            form.setContent("saved");
            form.setTemplateId(PublicId.of(CampaignIds.TEMPLATE, template.id()));
        }
        return campaigns.saveDraft(workspaceId, form.draftCampaignId(), form.toDraft(segment, form.getTemplateId(), zone));
    }

    private record Conditions(String match, List<SegmentManagement.Condition> conditions) {
    }

    private Optional<Conditions> audience(long workspaceId, CampaignBuilderForm form) {
        if (form.byTag()) {
            return form.getTag() == null ? Optional.empty() : Optional.of(new Conditions("all",
                    List.of(new SegmentManagement.Condition("tag", "has", form.getTag()))));
        }
        return PublicId.parse(CampaignIds.SEGMENT, form.getSegmentId())
                .map(id -> segments.require(workspaceId, id))
                .map(s -> new Conditions(s.match(), s.conditions()));
    }

    private String refusal(ApiException e) {
        if (e.status() >= 500) {
            throw e;
        }
        return problems.general(e);
    }
}
