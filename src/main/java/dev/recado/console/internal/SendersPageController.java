package dev.recado.console.internal;

import dev.recado.common.ApiException;
import dev.recado.messaging.SenderDirectory;
import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
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
 * so a bind that drops or comes back shows without a reload. Admins add SMPP senders, edit them,
 * test their connection, enable and disable them and choose the default, under the API's rules.
 */
@Controller
class SendersPageController {

    /** The SMPP settings the forms edit; the rest keep their defaults (or what the API set). */
    static final List<String> SMPP_FIELDS = List.of("host", "port", "system_id", "password", "source_address");
    private static final List<String> NUMBERS = List.of("port", "rate_per_second", "window");

    private final SenderDirectory senders;
    private final ProblemTexts problems;

    SendersPageController(SenderDirectory senders, ProblemTexts problems) {
        this.problems = problems;
        this.senders = senders;
    }

    @GetMapping("/senders")
    String page(@AuthenticationPrincipal ConsoleUser user, Model model) {
        return page(user, model, Map.of(), FormErrors.NONE);
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
        Map<String, Object> body = body(form, true);
        body.put("channel", "sms");
        body.put("provider", "smpp");
        if ("on".equals(form.get("default"))) {
            body.put("default", true);
        }
        return saved(() -> senders.create(user.workspaceId(), body), "senders.created", redirect, response,
                errors -> page(user, model, form, errors));
    }

    @GetMapping("/senders/{id}")
    String edit(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        requireAdmin(user);
        var sender = senders.get(user.workspaceId(), id);
        return editPage(model, sender, form(sender), FormErrors.NONE);
    }

    @PostMapping("/senders/{id}")
    String update(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
            @RequestParam Map<String, String> form, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        requireAdmin(user);
        var sender = senders.get(user.workspaceId(), id);
        Map<String, Object> body = body(form, false);
        if (!"smpp".equals(sender.provider())) {
            SMPP_FIELDS.stream().filter(f -> !f.equals("source_address")).forEach(body::remove);
        }
        return saved(() -> senders.update(user.workspaceId(), id, body), "senders.saved", redirect, response,
                errors -> editPage(model, sender, form, errors));
    }

    @PostMapping("/senders/{id}/test")
    String test(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, RedirectAttributes redirect) {
        requireAdmin(user);
        var sender = senders.get(user.workspaceId(), id);
        var result = senders.test(user.workspaceId(), id);
        redirect.addFlashAttribute("testedId", sender.id());
        redirect.addFlashAttribute("testOk", result.connected());
        redirect.addFlashAttribute("testState", result.state());
        redirect.addFlashAttribute("testName", sender.name());
        return "redirect:/senders";
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

    private String page(ConsoleUser user, Model model, Map<String, String> form, FormErrors errors) {
        table(user, model);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("admin", user.isAdmin());
        return "senders";
    }

    private String editPage(Model model, SenderDirectory.SenderView sender, Map<String, String> form,
            FormErrors errors) {
        model.addAttribute("section", "senders");
        model.addAttribute("sender", sender);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "sender";
    }

    /** The form's values as the sender shows them now (never the password). */
    private static Map<String, String> form(SenderDirectory.SenderView sender) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", sender.name());
        form.put("rate_per_second", Integer.toString(sender.ratePerSecond()));
        form.put("window", Integer.toString(sender.window()));
        sender.settings().forEach((k, v) -> form.put(k, String.valueOf(v)));
        return form;
    }

    /**
     * The API body from the form: blank fields left out (a blank password keeps the stored one),
     * numbers as numbers, and what is not a number passed as it is, so validation names the field.
     */
    private static Map<String, Object> body(Map<String, String> form, boolean creating) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : concat("name", "rate_per_second", "window")) {
            String value = form.get(field);
            if (value == null || value.isBlank()) {
                continue;
            }
            value = value.strip();
            body.put(field, NUMBERS.contains(field) && value.matches("\\d{1,9}") ? (Object) Long.parseLong(value) : value);
        }
        if (creating && !body.containsKey("name")) {
            body.put("name", "");
        }
        return body;
    }

    private static List<String> concat(String... common) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(common), SMPP_FIELDS.stream()).toList();
    }

    /** Back to the list with a notice, or the form again with the refusal beside its fields. */
    private String saved(Supplier<SenderDirectory.SenderView> save, String notice,
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

    private static void requireAdmin(ConsoleUser user) {
        if (!user.isAdmin()) {
            throw ConsoleAdvice.forbidden();
        }
    }
}
