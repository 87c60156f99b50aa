package dev.recado.console.internal;

import static dev.recado.console.internal.SendersPageController.requireAdmin;

import dev.recado.common.ApiException;
import dev.recado.messaging.SenderDirectory;
import dev.recado.workspace.ConsoleUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Submit a template" on a sender's page: the form's plain fields (a text header, the body with one
 * sample per line for its {{1}}.., a footer, quick replies one per line) become the API's
 * {@code POST /v1/senders/{id}/templates} body, so the same rules answer, with their field named.
 */
@Controller
class TemplateSubmitController {

    private final SenderDirectory senders;
    private final ProblemTexts problems;

    TemplateSubmitController(SenderDirectory senders, ProblemTexts problems) {
        this.senders = senders;
        this.problems = problems;
    }

    @PostMapping("/senders/{id}/templates")
    String submit(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
            @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        requireAdmin(user);
        var sender = senders.get(user.workspaceId(), id);
        try {
            var template = senders.submitTemplate(user.workspaceId(), sender.id(), body(form));
            redirect.addFlashAttribute("submitOk", true);
            redirect.addFlashAttribute("submitName", template.name());
            redirect.addFlashAttribute("submitStatus", template.status());
        } catch (ApiException e) {
            if (e.status() >= 500 && e.status() != 502) {
                throw e;
            }
            redirect.addFlashAttribute("submitOk", false);
            redirect.addFlashAttribute("submitError", problems.general(e));
            redirect.addFlashAttribute("submitForm", form);
        }
        return "redirect:/senders/" + sender.id() + "#template-submit";
    }

    static Map<String, Object> body(Map<String, String> form) {
        List<Map<String, Object>> components = new ArrayList<>();
        String header = form.getOrDefault("header", "").strip();
        if (!header.isEmpty()) {
            Map<String, Object> c = component("HEADER", header);
            c.put("format", "TEXT");
            String sample = form.getOrDefault("header_example", "").strip();
            if (!sample.isEmpty()) {
                c.put("example", Map.of("header_text", List.of(sample)));
            }
            components.add(c);
        }
        Map<String, Object> body = component("BODY", form.getOrDefault("body", "").strip());
        List<String> samples = lines(form.get("body_examples"));
        if (!samples.isEmpty()) {
            body.put("example", Map.of("body_text", List.of(samples)));
        }
        components.add(body);
        String footer = form.getOrDefault("footer", "").strip();
        if (!footer.isEmpty()) {
            components.add(component("FOOTER", footer));
        }
        List<String> replies = lines(form.get("quick_replies"));
        if (!replies.isEmpty()) {
            Map<String, Object> buttons = new LinkedHashMap<>();
            buttons.put("type", "BUTTONS");
            buttons.put("buttons", replies.stream().map(r -> Map.of("type", "QUICK_REPLY", "text", r)).toList());
            components.add(buttons);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", form.getOrDefault("name", "").strip());
        request.put("language", form.getOrDefault("language", "").strip());
        request.put("category", form.getOrDefault("category", "").strip());
        request.put("components", components);
        return request;
    }

    private static Map<String, Object> component(String type, String text) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("text", text);
        return c;
    }

    private static List<String> lines(String value) {
        return value == null ? List.of() : value.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
