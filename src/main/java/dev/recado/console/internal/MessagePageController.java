package dev.recado.console.internal;

import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageManagement;
import dev.recado.workspace.ConsoleUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One message: what was sent to whom, and its status block, which polls itself every second
 * while the message is on its way and is sent back without the trigger once it has arrived.
 */
@Controller
class MessagePageController {

    private final MessageManagement messages;
    private final PeopleNames names;

    MessagePageController(MessageManagement messages, PeopleNames names) {
        this.messages = messages;
        this.names = names;
    }

    @GetMapping("/messages/{id}")
    String page(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        show(user, id, model);
        return "message";
    }

    @GetMapping("/messages/{id}/status")
    String status(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        show(user, id, model);
        return "message :: status";
    }

    /** Too late (already handed to the provider) is said on the page, not as an error page. */
    @PostMapping("/messages/{id}/cancel")
    String cancel(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, RedirectAttributes redirect) {
        try {
            messages.cancel(user.workspaceId(), messageId(id));
            redirect.addFlashAttribute("notice", "message.canceled");
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            redirect.addFlashAttribute("cancelRefused", true);
        }
        return "redirect:/messages/" + id;
    }

    private void show(ConsoleUser user, String id, Model model) {
        Message message = messages.require(user.workspaceId(), messageId(id));
        model.addAttribute("section", "messages");
        model.addAttribute("messageId", id);
        model.addAttribute("message", message);
        model.addAttribute("timeline", MessageTimeline.of(message));
        model.addAttribute("contactName", message.contactId() == null ? null
                : names.contacts(user.workspaceId(), java.util.List.of(message.contactId())).get(message.contactId()));
        model.addAttribute("senderName", message.senderId() == null ? null
                : names.senders(user.workspaceId()).get(message.senderId()));
        model.addAttribute("moving", MessageTimeline.moving(message.status()));
        model.addAttribute("cancelable", message.status().cancelable());
    }

    private static long messageId(String id) {
        return PublicId.require(ConsoleFormat.MESSAGE, id, "Message");
    }
}
