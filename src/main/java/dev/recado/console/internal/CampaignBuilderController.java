package dev.recado.console.internal;

import dev.recado.campaigns.CampaignManagement;
import dev.recado.campaigns.SegmentManagement;
import dev.recado.campaigns.TemplateManagement;
import dev.recado.common.ApiException;
import dev.recado.messaging.SenderDirectory;
import dev.recado.workspace.ConsoleUser;
import dev.recado.workspace.Workspace;
import dev.recado.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletResponse;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The campaign builder: audience, content, schedule and rules, review, on one page whose live
 * panels (recipient count, preview, total) follow the form through htmx. A draft can be saved and
 * resumed; starting saves it first.
 */
@Controller
class CampaignBuilderController {

    /** How many saved segments and templates the builder offers (the newest). */
    private static final int CHOICES = 200;

    private final CampaignManagement campaigns;
    private final SegmentManagement segments;
    private final TemplateManagement templates;
    private final WorkspaceManagement workspaces;
    private final CampaignBuilder builder;
    private final CampaignIds ids;
    private final ProblemTexts problems;
    private final SenderDirectory senders;

    CampaignBuilderController(CampaignManagement campaigns, SegmentManagement segments, TemplateManagement templates,
            WorkspaceManagement workspaces, CampaignBuilder builder, CampaignIds ids, ProblemTexts problems,
            SenderDirectory senders) {
        this.senders = senders;
        this.campaigns = campaigns;
        this.segments = segments;
        this.templates = templates;
        this.workspaces = workspaces;
        this.builder = builder;
        this.ids = ids;
        this.problems = problems;
    }

    @GetMapping("/campaigns/new")
    String create(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String segment,
            @RequestParam(required = false) String template, Model model) {
        var form = new CampaignBuilderForm();
        form.setSegmentId(segment);
        form.setTemplateId(template);
        return page(user, form, FormErrors.NONE, model);
    }

    /** A saved draft, resumed; a campaign that already left draft shows its own page. */
    @GetMapping("/campaigns/{id}/edit")
    String edit(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        var campaign = campaigns.require(user.workspaceId(), CampaignIds.campaignId(id));
        if (!"draft".equals(campaign.status())) {
            return "redirect:/campaigns/" + id;
        }
        return page(user, CampaignBuilderForm.of(campaign, ids, zone(workspace(user))), FormErrors.NONE, model);
    }

    @PostMapping("/campaigns/builder/live")
    String live(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") CampaignBuilderForm form,
            Model model) {
        Workspace w = workspace(user);
        model.addAttribute("live", builder.live(user.workspaceId(), form, w.defaultLanguage(), zone(w)));
        return "campaign-builder :: live";
    }

    /** {@code intent} "start" starts the saved draft at once (or at its time); anything else keeps it a draft. */
    @PostMapping("/campaigns/builder")
    String save(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") CampaignBuilderForm form,
            @RequestParam(defaultValue = "draft") String intent, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Workspace w = workspace(user);
        CampaignManagement.CampaignView saved;
        try {
            saved = builder.save(user.workspaceId(), form, zone(w), w.defaultLanguage());
        } catch (ApiException e) {
            return refused(user, form, e, model, response);
        }
        // the draft exists from here on: a refused start leaves it to be resumed
        form.setDraftId(ids.campaign(saved.id()));
        if ("start".equals(intent)) {
            try {
                campaigns.start(user.workspaceId(), saved.id());
            } catch (ApiException e) {
                return refused(user, form, e, model, response);
            }
            redirect.addFlashAttribute("notice", "campaign.started");
            return "redirect:/campaigns/" + ids.campaign(saved.id());
        }
        redirect.addFlashAttribute("notice", "campaign.draft.saved");
        return "redirect:/campaigns/" + ids.campaign(saved.id()) + "/edit";
    }

    private String refused(ConsoleUser user, CampaignBuilderForm form, ApiException e, Model model,
            HttpServletResponse response) {
        if (e.status() >= 500) {
            throw e;
        }
        response.setStatus(e.status());
        return page(user, form, problems.form(e), model);
    }

    private String page(ConsoleUser user, CampaignBuilderForm form, FormErrors errors, Model model) {
        Workspace w = workspace(user);
        model.addAttribute("section", "campaigns");
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("segments", segments.list(user.workspaceId(), Long.MAX_VALUE, CHOICES));
        model.addAttribute("templates", templates.list(user.workspaceId(), Long.MAX_VALUE, CHOICES));
        model.addAttribute("weekdays", CampaignBuilderForm.WEEKDAYS);
        model.addAttribute("channels", templates.channels());
        model.addAttribute("defaultLanguage", w.defaultLanguage());
        model.addAttribute("timezone", w.timezone());
        model.addAttribute("senders", senderChoices(user.workspaceId(), form.getFrom()));
        // shown, not edited: the API sets a draft's A/B test and a save here keeps it
        model.addAttribute("abTest", form.getDraftId() == null ? null
                : campaigns.abTest(user.workspaceId(), form.draftCampaignId()).orElse(null));
        model.addAttribute("live", builder.live(user.workspaceId(), form, w.defaultLanguage(), zone(w)));
        return "campaign-builder";
    }

    /** A sender the builder offers: its {@code from} value and what the select shows. */
    record SenderChoice(String value, String name, String channel) {
    }

    /**
     * The workspace's senders that are on, the draft's {@code from} among them even when disabled since,
     * and as it is when it names none (an approved name), so that a save keeps it unless it is changed.
     */
    private List<SenderChoice> senderChoices(long workspaceId, String from) {
        List<SenderChoice> choices = new ArrayList<>(senders.list(workspaceId).stream()
                .filter(s -> s.enabled() || s.id().equals(from))
                .map(s -> new SenderChoice(s.id(), s.name(), s.channel())).toList());
        if (from != null && choices.stream().noneMatch(c -> c.value().equals(from))) {
            choices.add(new SenderChoice(from, from, null));
        }
        return choices;
    }

    private Workspace workspace(ConsoleUser user) {
        return workspaces.require(user.workspaceId());
    }

    static ZoneId zone(Workspace w) {
        try {
            return ZoneId.of(w.timezone());
        } catch (DateTimeException | NullPointerException e) {
            return ZoneId.of("UTC");
        }
    }
}
