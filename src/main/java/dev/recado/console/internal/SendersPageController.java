package dev.recado.console.internal;

import dev.recado.messaging.SenderDirectory;
import dev.recado.workspace.ConsoleUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Sender accounts and their live connection state. The table refreshes itself every two seconds,
 * so a bind that drops or comes back shows without a reload.
 */
@Controller
class SendersPageController {

    private final SenderDirectory senders;

    SendersPageController(SenderDirectory senders) {
        this.senders = senders;
    }

    @GetMapping("/senders")
    String page(@AuthenticationPrincipal ConsoleUser user, Model model) {
        table(user, model);
        return "senders";
    }

    @GetMapping("/senders/table")
    String table(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("section", "senders");
        model.addAttribute("senders", senders.list(user.workspaceId()));
        return "senders :: table";
    }
}
