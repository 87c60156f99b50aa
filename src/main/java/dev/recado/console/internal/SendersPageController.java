package dev.recado.console.internal;

import dev.recado.common.ApiException;
import dev.recado.messaging.SenderDirectory;
import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sender accounts and their live connection state. The table refreshes itself every two seconds,
 * so a bind that drops or comes back shows without a reload. Admins add senders of any provider
 * (the form is the one the provider declares), test their connection, enable and disable them and
 * choose the default, under the API's rules. A sender's own page is {@link SenderPageController}.
 */
@Controller
class SendersPageController {

    /** The provider the add form offers first: the one most installs start with. */
    static final String FIRST_PROVIDER = "smpp";

    private final SenderDirectory senders;
    private final ProblemTexts problems;

    SendersPageController(SenderDirectory senders, ProblemTexts problems) {
        this.problems = problems;
        this.senders = senders;
    }

    @GetMapping("/senders")
    String page(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String provider,
            Model model) {
        return page(user, model, provider, Map.of(), FormErrors.NONE);
    }

    @GetMapping("/senders/table")
    String table(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("section", "senders");
        model.addAttribute("senders", senders.list(user.workspaceId()));
        return "senders :: table";
    }

    @PostMapping("/senders")
    String create(@AuthenticationPrincipal ConsoleUser user, @RequestParam Map<String, String> form,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        requireAdmin(user);
        var provider = chosen(form.get("provider"));
        Map<String, Object> body = SenderForms.body(form, SenderForms.fields(provider), null);
        body.put("channel", provider.channel());
        body.put("provider", provider.provider());
        if ("on".equals(form.get("default"))) {
            body.put("default", true);
        }
        return saved(() -> senders.create(user.workspaceId(), body), "senders.created", problems, redirect, response,
                errors -> page(user, model, provider.provider(), form, errors));
    }

    /** From the list back to the list; from a sender's page ({@code back=sender}) back to that page. */
    @PostMapping("/senders/{id}/test")
    String test(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
            @RequestParam(required = false) String back, RedirectAttributes redirect) {
        requireAdmin(user);
        var sender = senders.get(user.workspaceId(), id);
        var result = senders.test(user.workspaceId(), id);
        redirect.addFlashAttribute("testedId", sender.id());
        redirect.addFlashAttribute("testOk", result.connected());
        redirect.addFlashAttribute("testState", result.state());
        redirect.addFlashAttribute("testName", sender.name());
        redirect.addFlashAttribute("testDetail", result.detail());
        return "sender".equals(back) ? "redirect:/senders/" + sender.id() : "redirect:/senders";
    }

    @PostMapping("/senders/{id}/{action:enable|disable|default}")
    String change(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, @PathVariable String action,
            RedirectAttributes redirect) {
        requireAdmin(user);
        Map<String, Object> body = switch (action) {
            case "enable" -> Map.of("enabled", true);
            case "disable" -> Map.of("enabled", false);
            default -> Map.of("default", true);
        };
        try {
            var changed = senders.update(user.workspaceId(), id, body);
            redirect.addFlashAttribute("notice", switch (action) {
                case "enable" -> "senders.enabled";
                case "disable" -> "senders.disabled.notice";
                default -> "senders.defaulted";
            });
            redirect.addFlashAttribute("noticeArg", changed.name());
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            redirect.addFlashAttribute("senderError", FormErrors.of(e, problems).fields().values().stream().findFirst()
                    .orElse(e.getMessage()));
        }
        return "redirect:/senders";
    }

    private String page(ConsoleUser user, Model model, String provider, Map<String, String> form,
            FormErrors errors) {
        table(user, model);
        var chosen = chosen(provider);
        model.addAttribute("providers", senders.providers());
        model.addAttribute("chosen", chosen);
        model.addAttribute("fields", SenderForms.fields(chosen));
        model.addAttribute("kept", java.util.Set.of());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("admin", user.isAdmin());
        return "senders";
    }

    /** The provider asked for, or the first one when none (or an unknown one) is. */
    private SenderDirectory.ProviderForm chosen(String provider) {
        var all = senders.providers();
        return SenderForms.provider(all, provider == null ? FIRST_PROVIDER : provider)
                .or(() -> SenderForms.provider(all, FIRST_PROVIDER))
                .orElseGet(() -> all.get(0));
    }

    /** Back to the list with a notice, or the form again with the refusal beside its fields. */
    static String saved(Supplier<SenderDirectory.SenderView> save, String notice, ProblemTexts problems,
            RedirectAttributes redirect, HttpServletResponse response, Function<FormErrors, String> refusedForm) {
        try {
            redirect.addFlashAttribute("notice", notice);
            redirect.addFlashAttribute("noticeArg", save.get().name());
            return "redirect:/senders";
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            response.setStatus(e.status());
            return refusedForm.apply(FormErrors.of(e, problems));
        }
    }

    static void requireAdmin(ConsoleUser user) {
        if (!user.isAdmin()) {
            throw ConsoleAdvice.forbidden();
        }
    }
}
