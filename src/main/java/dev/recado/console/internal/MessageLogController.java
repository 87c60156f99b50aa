package dev.recado.console.internal;

import dev.recado.common.ApiException;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageManagement;
import dev.recado.messaging.MessageStatus;
import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The message log (filters, keyset pages) and the "send an SMS" form beside it. */
@Controller
class MessageLogController {

    static final int PAGE_SIZE = 25;

    private final MessageManagement messages;
    private final ProblemTexts problems;

    MessageLogController(MessageManagement messages, ProblemTexts problems) {
        this.problems = problems;
        this.messages = messages;
    }

    /** htmx asks for the table alone when a filter changes; a history restore needs the whole page. */
    @GetMapping("/messages")
    String list(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String status,
            @RequestParam(required = false) String direction, @RequestParam(required = false) String contact,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore, Model model) {
        results(user, MessageLogFilter.of(status, direction, contact), cursor, model);
        if (htmx != null && restore == null) {
            return "messages :: results";
        }
        model.addAttribute("form", SendForm.blank());
        model.addAttribute("errors", FormErrors.NONE);
        return "messages";
    }

    /** A refusal (no consent, bad number, no balance...) comes back on the form, in the reader's words. */
    @PostMapping("/messages")
    String send(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") SendForm form, Model model,
            HttpServletResponse response) {
        try {
            Message sent = messages.send(user.workspaceId(), form.toRequest(), form.key());
            return "redirect:/messages/" + PublicId.of(ConsoleFormat.MESSAGE, sent.id());
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            response.setStatus(e.status());
            model.addAttribute("errors", problems.form(e));
            model.addAttribute("sendError", e.code());
            results(user, MessageLogFilter.of(null, null, null), null, model);
            return "messages";
        }
    }

    private void results(ConsoleUser user, MessageLogFilter filter, String cursor, Model model) {
        var page = PageRequest.of(PAGE_SIZE, cursor);
        var rows = page.page(messages.list(user.workspaceId(), filter.toFilter(), page.beforeId(), page.fetchSize()),
                Message::id);
        model.addAttribute("section", "messages");
        model.addAttribute("filter", filter);
        model.addAttribute("statuses", MessageStatus.values());
        model.addAttribute("directions", MessageLogFilter.DIRECTIONS);
        model.addAttribute("log", rows.data());
        model.addAttribute("nextCursor", rows.nextCursor());
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
    }
}
