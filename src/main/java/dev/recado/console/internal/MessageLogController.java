package dev.recado.console.internal;

import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The message log (filters, keyset pages) with the send form beside it (which {@link SendController} serves). */
@Controller
class MessageLogController {

    private final MessageLogView view;

    MessageLogController(MessageLogView view) {
        this.view = view;
    }

    /** htmx asks for the table alone when a filter changes; a history restore needs the whole page. */
    @GetMapping("/messages")
    String list(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String status,
            @RequestParam(required = false) String direction, @RequestParam(required = false) String contact,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String campaign, @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore, Model model,
            HttpServletResponse response) {
        if (!results(user, MessageLogFilter.of(status, direction, contact, from, to, campaign), cursor, model)) {
            response.setStatus(422);
        }
        if (htmx != null && restore == null) {
            return "messages :: results";
        }
        model.addAttribute("form", SendForm.blank());
        model.addAttribute("errors", FormErrors.NONE);
        return "messages";
    }

    private boolean results(ConsoleUser user, MessageLogFilter filter, String cursor, Model model) {
        boolean valid = view.fill(user, filter, cursor, model);
        view.formChoices(user, model);
        return valid;
    }
}
