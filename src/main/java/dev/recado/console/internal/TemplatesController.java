package dev.recado.console.internal;

import dev.recado.campaigns.SegmentManagement;
import dev.recado.campaigns.TemplateManagement;
import dev.recado.common.ApiException;
import dev.recado.workspace.ConsoleUser;
import dev.recado.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Templates: the list, the editor (name, purpose, variants per channel and language) with a live
 * preview of every variant for a sample contact, and a saved template with its previews.
 */
@Controller
class TemplatesController {

    private static final int LIST = 200;
    private static final List<SegmentManagement.Condition> EVERYONE = List.of();

    /** One variant's preview, or what is wrong with it. */
    record VariantPreview(String channel, String language, TemplateManagement.Preview preview, String problem) {
    }

    private final TemplateManagement templates;
    private final SegmentManagement segments;
    private final WorkspaceManagement workspaces;
    private final ProblemTexts problems;

    TemplatesController(TemplateManagement templates, SegmentManagement segments, WorkspaceManagement workspaces,
            ProblemTexts problems) {
        this.templates = templates;
        this.segments = segments;
        this.workspaces = workspaces;
        this.problems = problems;
    }

    @InitBinder("form")
    void exactRows(WebDataBinder binder) {
        FormRows.exact(binder);
    }

    @GetMapping("/templates")
    String list(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("section", "templates");
        model.addAttribute("templates", templates.list(user.workspaceId(), Long.MAX_VALUE, LIST));
        return "templates";
    }

    @GetMapping("/templates/new")
    String create(@AuthenticationPrincipal ConsoleUser user, Model model) {
        return editor(user, TemplateForm.empty(workspaces.require(user.workspaceId()).defaultLanguage()),
                FormErrors.NONE, model);
    }

    @PostMapping("/templates")
    String save(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") TemplateForm form, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            var saved = templates.create(user.workspaceId(), form.nameOrNull(), form.purpose(), form.variants());
            redirect.addFlashAttribute("notice", "template.saved");
            return "redirect:/templates/" + dev.recado.common.PublicId.of(CampaignIds.TEMPLATE, saved.id());
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            response.setStatus(e.status());
            return editor(user, form, problems.form(e), model);
        }
    }

    @GetMapping("/templates/{id}/edit")
    String edit(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        var template = templates.require(user.workspaceId(), CampaignIds.templateId(id));
        model.addAttribute("editId", id);
        return editor(user, TemplateForm.of(template), FormErrors.NONE, model);
    }

    /** Saved over the template; campaigns already running keep what they started with. */
    @PostMapping("/templates/{id}")
    String update(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
            @ModelAttribute("form") TemplateForm form, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        long templateId = CampaignIds.templateId(id);
        try {
            // an emptied name is refused as a new template's would be, not kept
            templates.update(user.workspaceId(), templateId, form.nameOrNull() == null ? "" : form.name(),
                    form.purpose(), form.variants());
            redirect.addFlashAttribute("notice", "template.saved");
            return "redirect:/templates/" + id;
        } catch (ApiException e) {
            if (e.status() >= 500 || e.status() == 404) {
                throw e;
            }
            response.setStatus(e.status());
            model.addAttribute("editId", id);
            return editor(user, form, problems.form(e), model);
        }
    }

    /** A 409 (a campaign that may still send uses it) is said on the template's page. */
    @PostMapping("/templates/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, RedirectAttributes redirect) {
        try {
            templates.delete(user.workspaceId(), CampaignIds.templateId(id));
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            redirect.addFlashAttribute("actionRefused", problems.general(e));
            return "redirect:/templates/" + id;
        }
        redirect.addFlashAttribute("notice", "template.deleted");
        return "redirect:/templates";
    }

    @PostMapping("/templates/preview")
    String preview(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") TemplateForm form, Model model) {
        Optional<Long> sample = segments.firstContact(user.workspaceId(), "all", EVERYONE);
        List<VariantPreview> previews = new ArrayList<>();
        for (var v : form.variants()) {
            if (sample.isEmpty()) {
                break;
            }
            previews.add(previewOf(v, () -> templates.previewUnsaved(user.workspaceId(), form.purpose(), v,
                    sample.get())));
        }
        model.addAttribute("previews", previews);
        model.addAttribute("noSample", sample.isEmpty());
        return "template-editor :: previews";
    }

    @GetMapping("/templates/{id}")
    String page(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        var template = templates.require(user.workspaceId(), CampaignIds.templateId(id));
        Optional<Long> sample = segments.firstContact(user.workspaceId(), "all", EVERYONE);
        List<VariantPreview> previews = new ArrayList<>();
        sample.ifPresent(contact -> template.variants().forEach(v -> previews.add(previewOf(v,
                () -> templates.preview(user.workspaceId(), template.id(), contact, v.channel(), v.language())))));
        model.addAttribute("section", "templates");
        model.addAttribute("template", template);
        model.addAttribute("previews", previews);
        model.addAttribute("noSample", sample.isEmpty());
        return "template";
    }

    private VariantPreview previewOf(TemplateManagement.Variant v,
            java.util.function.Supplier<TemplateManagement.Preview> preview) {
        try {
            return new VariantPreview(v.channel(), v.language(), preview.get(), null);
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return new VariantPreview(v.channel(), v.language(), null, problems.general(e));
        }
    }

    private String editor(ConsoleUser user, TemplateForm form, FormErrors errors, Model model) {
        model.addAttribute("section", "templates");
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("channels", templates.channels());
        model.addAttribute("previews", List.of());
        model.addAttribute("noSample", false);
        return "template-editor";
    }
}
