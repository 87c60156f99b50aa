package dev.recado.console.internal;

import dev.recado.campaigns.CampaignManagement;
import dev.recado.common.ApiException;
import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The campaign list and one campaign's page: its progress block (which polls itself while the
 * campaign is moving), pause/resume/cancel, landing pages, and the report with its chart and CSV.
 */
@Controller
class CampaignsController {

    private static final int LIST = 100;

    /** A landing page as its form posts it; empty inputs are absent values. */
    record LandingForm(String slug, String title, String text, String imageUrl, String buttonLabel, String buttonUrl,
            String form) {

        static final LandingForm EMPTY = new LandingForm(null, null, null, null, null, null, "none");

        CampaignManagement.NewLandingPage toPage() {
            return new CampaignManagement.NewLandingPage(blank(slug), blank(title), blank(text), blank(imageUrl),
                    blank(buttonLabel), blank(buttonUrl), blank(form));
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    private final CampaignManagement campaigns;
    private final CampaignReportView reports;
    private final ProblemTexts problems;

    CampaignsController(CampaignManagement campaigns, CampaignReportView reports, ProblemTexts problems) {
        this.campaigns = campaigns;
        this.reports = reports;
        this.problems = problems;
    }

    @GetMapping("/campaigns")
    String list(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("section", "campaigns");
        model.addAttribute("campaigns", campaigns.list(user.workspaceId(), Long.MAX_VALUE, LIST));
        return "campaigns";
    }

    @GetMapping("/campaigns/{id}")
    String page(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        show(user, id, LandingForm.EMPTY, FormErrors.NONE, model);
        return "campaign";
    }

    @GetMapping("/campaigns/{id}/progress")
    String progress(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        reports.fill(user.workspaceId(), CampaignIds.campaignId(id), model);
        return "campaign :: progress";
    }

    /** A refusal (already completed, a routine with nothing left) is said on the page, not as an error page. */
    @PostMapping("/campaigns/{id}/{action:pause|resume|cancel|start}")
    String act(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, @PathVariable String action,
            RedirectAttributes redirect) {
        long campaign = CampaignIds.campaignId(id);
        try {
            switch (action) {
                case "pause" -> campaigns.pause(user.workspaceId(), campaign);
                case "resume" -> campaigns.resume(user.workspaceId(), campaign);
                case "cancel" -> campaigns.cancel(user.workspaceId(), campaign);
                default -> campaigns.start(user.workspaceId(), campaign);
            }
            redirect.addFlashAttribute("notice", "campaign.done." + action);
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            redirect.addFlashAttribute("actionRefused", problems.general(e));
        }
        return "redirect:/campaigns/" + id;
    }

    @PostMapping("/campaigns/{id}/landing-pages")
    String addLandingPage(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
            @ModelAttribute("landing") LandingForm landing, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            campaigns.addLandingPage(user.workspaceId(), CampaignIds.campaignId(id), landing.toPage());
        } catch (ApiException e) {
            if (e.status() >= 500 || e.status() == 404) {
                throw e;
            }
            response.setStatus(e.status());
            show(user, id, landing, problems.form(e), model);
            return "campaign";
        }
        redirect.addFlashAttribute("notice", "campaign.landing.added");
        return "redirect:/campaigns/" + id;
    }

    @GetMapping("/campaigns/{id}/recipients.csv")
    ResponseEntity<StreamingResponseBody> recipients(@AuthenticationPrincipal ConsoleUser user,
            @PathVariable String id) {
        var campaign = campaigns.require(user.workspaceId(), CampaignIds.campaignId(id));
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + id + "-recipients.csv\"")
                .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .body(out -> campaigns.recipientsCsv(user.workspaceId(), campaign.id(), out));
    }

    private void show(ConsoleUser user, String id, LandingForm landing, FormErrors errors, Model model) {
        long campaign = CampaignIds.campaignId(id);
        model.addAttribute("section", "campaigns");
        reports.fill(user.workspaceId(), campaign, model);
        model.addAttribute("landingPages", campaigns.landingPages(user.workspaceId(), campaign));
        model.addAttribute("landing", landing);
        model.addAttribute("errors", errors);
    }
}
