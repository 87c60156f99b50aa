package dev.recado.console.internal;

import static dev.recado.console.internal.SendersPageController.requireAdmin;

import dev.recado.messaging.SenderDirectory;
import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One sender's page: its settings as its provider declares them (secrets never shown, an empty one
 * kept), the webhook URL to paste at the provider when it calls us, a connection test, removing a
 * signing sender's DKIM, and for
 * providers with templates (WhatsApp) the templates last synced with a "sync now".
 */
@Controller
class SenderPageController {

    private final SenderDirectory senders;
    private final ProblemTexts problems;

    SenderPageController(SenderDirectory senders, ProblemTexts problems) {
        this.senders = senders;
        this.problems = problems;
    }

    @GetMapping("/senders/{id}")
    String edit(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        requireAdmin(user);
        var sender = senders.get(user.workspaceId(), id);
        return page(user, model, sender, SenderForms.form(sender), FormErrors.NONE);
    }

    @PostMapping("/senders/{id}")
    String update(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
            @RequestParam Map<String, String> form, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        requireAdmin(user);
        var sender = senders.get(user.workspaceId(), id);
        var provider = SenderForms.provider(senders.providers(), sender.provider());
        Map<String, Object> body = SenderForms.body(form,
                provider.map(SenderForms::fields).orElse(java.util.List.of()), sender);
        return SendersPageController.saved(() -> senders.update(user.workspaceId(), id, body), "senders.saved", problems,
                redirect, response, errors -> page(user, model, sender, form, errors));
    }

    /**
     * The form cannot take DKIM away: a blank secret keeps the stored key, and the domain and
     * selector cleared beside a kept key are refused as incomplete. Removing it is an action of its
     * own that clears the three together, as the API does with nulls.
     */
    @PostMapping("/senders/{id}/dkim/remove")
    String removeDkim(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        requireAdmin(user);
        var sender = senders.get(user.workspaceId(), id);
        Map<String, Object> body = new java.util.HashMap<>();
        DKIM_SETTINGS.forEach(name -> body.put(name, null));
        return SendersPageController.saved(() -> senders.update(user.workspaceId(), id, body), "senders.dkim.removed",
                problems, redirect, response, errors -> page(user, model, sender, SenderForms.form(sender), errors));
    }

    private static final java.util.List<String> DKIM_SETTINGS = java.util.List.of("dkim_domain", "dkim_selector",
            "dkim_private_key");

    @PostMapping("/senders/{id}/templates/sync")
    String sync(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, RedirectAttributes redirect) {
        requireAdmin(user);
        var sender = senders.get(user.workspaceId(), id);
        var result = senders.syncTemplates(user.workspaceId(), sender.id());
        redirect.addFlashAttribute("syncOk", result.synced());
        redirect.addFlashAttribute("syncCount", result.count());
        redirect.addFlashAttribute("syncError", result.error());
        return "redirect:/senders/" + sender.id() + "#templates";
    }

    private String page(ConsoleUser user, Model model, SenderDirectory.SenderView sender, Map<String, String> form,
            FormErrors errors) {
        var provider = SenderForms.provider(senders.providers(), sender.provider());
        model.addAttribute("section", "senders");
        model.addAttribute("sender", sender);
        model.addAttribute("fields", provider.map(SenderForms::fields).orElse(java.util.List.of()));
        model.addAttribute("kept", sender.storedSecrets());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("submitForm")) {
            // the template form after a refusal shows what was typed (a flash attribute), else empty
            model.addAttribute("submitForm", Map.of());
        }
        model.addAttribute("templates", provider.filter(SenderDirectory.ProviderForm::templates).isPresent()
                ? senders.templates(user.workspaceId(), sender.id()) : null);
        return "sender";
    }
}
