package dev.recado.console.internal;

import dev.recado.campaigns.SegmentManagement;
import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Segments: the list with their counts, the editor (all/any of conditions) with a live count, and one segment. */
@Controller
class SegmentsController {

    private static final int LIST = 200;

    private final SegmentManagement segments;
    private final ProblemTexts problems;

    SegmentsController(SegmentManagement segments, ProblemTexts problems) {
        this.segments = segments;
        this.problems = problems;
    }

    @GetMapping("/segments")
    String list(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("section", "segments");
        model.addAttribute("segments", segments.list(user.workspaceId(), Long.MAX_VALUE, LIST));
        return "segments";
    }

    @GetMapping("/segments/new")
    String create(Model model) {
        return editor(SegmentForm.BLANK, FormErrors.NONE, model);
    }

    @InitBinder("form")
    void exactRows(WebDataBinder binder) {
        FormRows.exact(binder);
    }

    @PostMapping("/segments")
    String save(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") SegmentForm form, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            var saved = segments.create(user.workspaceId(), form.nameOrNull(), form.match(), form.conditions());
            redirect.addFlashAttribute("notice", "segment.saved");
            return "redirect:/segments/" + PublicId.of(CampaignIds.SEGMENT, saved.id());
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            response.setStatus(e.status());
            return editor(form, problems.form(e), model);
        }
    }

    @GetMapping("/segments/{id}/edit")
    String edit(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        var segment = segments.require(user.workspaceId(), CampaignIds.segmentId(id));
        model.addAttribute("editId", id);
        return editor(SegmentForm.of(segment), FormErrors.NONE, model);
    }

    /** Saved over the segment; campaigns already running keep their audience. */
    @PostMapping("/segments/{id}")
    String update(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
            @ModelAttribute("form") SegmentForm form, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            segments.update(user.workspaceId(), CampaignIds.segmentId(id), form.nameOrNull() == null ? "" : form.name(),
                    form.match(), form.conditions());
            redirect.addFlashAttribute("notice", "segment.saved");
            return "redirect:/segments/" + id;
        } catch (ApiException e) {
            if (e.status() >= 500 || e.status() == 404) {
                throw e;
            }
            response.setStatus(e.status());
            model.addAttribute("editId", id);
            return editor(form, problems.form(e), model);
        }
    }

    /** A 409 (a campaign that may still send uses it) is said on the segment's page. */
    @PostMapping("/segments/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, RedirectAttributes redirect) {
        try {
            segments.delete(user.workspaceId(), CampaignIds.segmentId(id));
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            redirect.addFlashAttribute("actionRefused", problems.general(e));
            return "redirect:/segments/" + id;
        }
        redirect.addFlashAttribute("notice", "segment.deleted");
        return "redirect:/segments";
    }

    /** The live count as the conditions are edited; a bad condition is named instead. */
    @PostMapping("/segments/count")
    String count(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") SegmentForm form, Model model) {
        try {
            model.addAttribute("count", segments.count(user.workspaceId(), form.match(), form.conditions()));
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("countProblem", problems.general(e));
        }
        return "segment-editor :: count";
    }

    @GetMapping("/segments/{id}")
    String page(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        var segment = segments.require(user.workspaceId(), CampaignIds.segmentId(id));
        model.addAttribute("section", "segments");
        model.addAttribute("segment", segment);
        model.addAttribute("count", segments.count(user.workspaceId(), segment.id()));
        return "segment";
    }

    private String editor(SegmentForm form, FormErrors errors, Model model) {
        model.addAttribute("section", "segments");
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("fields", SegmentForm.FIELDS);
        model.addAttribute("ops", SegmentForm.OPS);
        return "segment-editor";
    }
}
