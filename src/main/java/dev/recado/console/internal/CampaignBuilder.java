package dev.recado.console.internal;

import dev.recado.campaigns.CampaignManagement;
import dev.recado.campaigns.SegmentManagement;
import dev.recado.campaigns.TemplateManagement;
import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.common.PublicId;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the builder's live panels show (recipients, a sample contact's message with its segments
 * and price, the estimated total) and its saving: a tag becomes its segment and written text a
 * template before the draft is saved, all through the campaigns module's fronts.
 */
@Component
class CampaignBuilder {

    /** The panels: each part null when the form does not say enough yet; {@code problem} what is wrong. */
    record Live(Long recipients, String audienceProblem, TemplateManagement.Preview preview, String contentProblem,
            BigDecimal total) {
    }

    private final CampaignManagement campaigns;
    private final SegmentManagement segments;
    private final TemplateManagement templates;
    private final ProblemTexts problems;

    CampaignBuilder(CampaignManagement campaigns, SegmentManagement segments, TemplateManagement templates,
            ProblemTexts problems) {
        this.campaigns = campaigns;
        this.segments = segments;
        this.templates = templates;
        this.problems = problems;
    }

    Live live(long workspaceId, CampaignBuilderForm form, String defaultLanguage) {
        Long recipients = null;
        Optional<Long> sample = Optional.empty();
        String audienceProblem = null;
        try {
            var audience = audience(workspaceId, form);
            if (audience.isPresent()) {
                recipients = segments.count(workspaceId, audience.get().match(), audience.get().conditions());
                sample = segments.firstContact(workspaceId, audience.get().match(), audience.get().conditions());
            }
        } catch (ApiException e) {
            audienceProblem = refusal(e);
        }
        TemplateManagement.Preview preview = null;
        String contentProblem = null;
        try {
            if (sample.isPresent()) {
                preview = preview(workspaceId, form, sample.get(), defaultLanguage);
            }
        } catch (ApiException e) {
            contentProblem = refusal(e);
        }
        BigDecimal total = preview == null || recipients == null || preview.price() == null ? null
                : preview.price().multiply(BigDecimal.valueOf(recipients));
        return new Live(recipients, audienceProblem, preview, contentProblem, total);
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
        Long draftId = form.getDraftId() == null ? null : CampaignIds.campaignId(form.getDraftId());
        return campaigns.saveDraft(workspaceId, draftId, form.toDraft(segment, form.getTemplateId(), zone));
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

    private TemplateManagement.Preview preview(long workspaceId, CampaignBuilderForm form, long contact,
            String defaultLanguage) {
        if (form.writesContent()) {
            return form.getBody() == null ? null
                    : templates.previewUnsaved(workspaceId, form.getPurpose(), form.variant(defaultLanguage), contact);
        }
        var id = PublicId.parse(CampaignIds.TEMPLATE, form.getTemplateId());
        if (id.isEmpty()) {
            return null;
        }
        // a channel order: the sample gets the first channel the template has a variant for, and that price
        List<String> order = form.channelOrder();
        for (int i = 0; i < order.size() - 1; i++) {
            try {
                return templates.preview(workspaceId, id.get(), contact, order.get(i), null);
            } catch (ApiException e) {
                if (e.status() >= 500 || e.errors().isEmpty() || !"channel".equals(e.errors().get(0).field())) {
                    throw e;
                }
            }
        }
        return templates.preview(workspaceId, id.get(), contact, order.get(order.size() - 1), null);
    }

    private String refusal(ApiException e) {
        if (e.status() >= 500) {
            throw e;
        }
        return problems.general(e);
    }
}
