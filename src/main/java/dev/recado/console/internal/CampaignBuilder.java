package dev.recado.console.internal;

import dev.recado.campaigns.CampaignManagement;
import dev.recado.campaigns.SegmentManagement;
import dev.recado.campaigns.TemplateManagement;
import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.common.PublicId;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
     * they are tried, as if the campaign began at its start ({@link SegmentManagement#estimate}).
     */
    record Live(Long recipients, String audienceProblem, TemplateManagement.Preview preview, String contentProblem,
            SegmentManagement.Estimate estimate) {
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
        Map<String, TemplateManagement.Preview> byChannel = Map.of();
        String contentProblem = null;
        try {
            if (sample.isPresent()) {
                byChannel = previews(workspaceId, form, sample.get(), defaultLanguage);
            }
        } catch (ApiException e) {
            contentProblem = refusal(e);
        }
        SegmentManagement.Estimate estimate = null;
        if (audience.isPresent() && !byChannel.isEmpty()) {
            try {
                estimate = segments.estimate(workspaceId, audience.get().match(), audience.get().conditions(),
                        form.getPurpose(), contents(workspaceId, form, byChannel, defaultLanguage), form.isCheapest(),
                        form.startsAt(zone, clock.instant()));
            } catch (ApiException e) {
                contentProblem = refusal(e);
            }
        }
        return new Live(recipients, audienceProblem, byChannel.values().stream().findFirst().orElse(null),
                contentProblem, estimate);
    }

    /**
     * Each channel as the estimate prices it: the content's variants there (SMS is rendered for the
     * audience's contacts, each priced at their own segments; the sample's units stand only for
     * channels without texts) and the provider template the sample's variant names (WhatsApp's always
     * does, so no service window holds it back).
     */
    private List<SegmentManagement.ChannelContent> contents(long workspaceId, CampaignBuilderForm form,
            Map<String, TemplateManagement.Preview> byChannel, String defaultLanguage) {
        List<TemplateManagement.Variant> variants = form.writesContent() ? List.of(form.variant(defaultLanguage))
                : PublicId.parse(CampaignIds.TEMPLATE, form.getTemplateId())
                        .map(id -> templates.require(workspaceId, id).variants()).orElse(List.of());
        // a cheapest campaign's candidates break price ties in their saved order, not the sample's price order
        var ordered = byChannel.values().stream().sorted(Comparator.comparingInt(p -> form.isCheapest()
                ? form.channelOrder().indexOf(p.channel()) : 0));
        return ordered.map(p -> new SegmentManagement.ChannelContent(p.channel(),
                variants.stream().filter(v -> v.channel().equals(p.channel()) && v.language().equals(p.language()))
                        .map(TemplateManagement.Variant::whatsappTemplate).filter(java.util.Objects::nonNull)
                        .findFirst().orElse(null), p.language(), p.segments(),
                variants.stream().filter(v -> v.channel().equals(p.channel())).toList())).toList();
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

    /**
     * The sample's message on each channel the content has, in the order a recipient tries them: the
     * channel order, or for {@code cheapest} the candidates by the sample's price (ties keep their order).
     */
    private Map<String, TemplateManagement.Preview> previews(long workspaceId, CampaignBuilderForm form, long contact,
            String defaultLanguage) {
        if (form.writesContent()) {
            return form.getBody() == null ? Map.of() : Map.of("sms",
                    templates.previewUnsaved(workspaceId, form.getPurpose(), form.variant(defaultLanguage), contact));
        }
        var id = PublicId.parse(CampaignIds.TEMPLATE, form.getTemplateId());
        if (id.isEmpty()) {
            return Map.of();
        }
        List<TemplateManagement.Preview> found = new ArrayList<>();
        ApiException noVariant = null;
        for (String channel : form.channelOrder()) {
            try {
                found.add(templates.preview(workspaceId, id.get(), contact, channel, null));
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
        if (form.isCheapest()) {
            found.sort(Comparator.comparing(TemplateManagement.Preview::price,
                    Comparator.nullsLast(Comparator.naturalOrder())));
        }
        Map<String, TemplateManagement.Preview> byChannel = new LinkedHashMap<>();
        found.forEach(p -> byChannel.put(p.channel(), p));
        return byChannel;
    }

    private String refusal(ApiException e) {
        if (e.status() >= 500) {
            throw e;
        }
        return problems.general(e);
    }
}
