package dev.recado.console.internal;

import dev.recado.channels.sandbox.SandboxPhone;
import dev.recado.common.ApiException;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactManagement;
import dev.recado.messaging.MessageManagement;
import dev.recado.workspace.ConsoleUser;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The virtual phone of sandbox mode: play a customer's handset, read what it received (the screen
 * polls every second) and answer, which reaches Recado as a real inbound SMS. Without the sandbox
 * the page says how to turn it on.
 */
@Controller
class PhoneController {

    static final String DEFAULT_NUMBER = "+34600000001";
    static final int MAX_TEXT = 1600;
    /** What a person may type for a number; the sandbox API accepts the same. */
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9 ()-]{6,20}");

    private final Optional<SandboxPhone> phone;
    private final ContactManagement contacts;
    private final MessageManagement messages;

    PhoneController(Optional<SandboxPhone> phone, ContactManagement contacts, MessageManagement messages) {
        this.phone = phone;
        this.contacts = contacts;
        this.messages = messages;
    }

    @GetMapping("/phone")
    String page(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String number,
            Model model) {
        model.addAttribute("section", "phone");
        if (phone.isEmpty()) {
            return "phone-off";
        }
        screen(user, number, model);
        return "phone";
    }

    @GetMapping("/phone/messages")
    String messages(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String number,
            Model model) {
        enabled();
        screen(user, number, model);
        return "phone :: messages";
    }

    @PostMapping("/phone/reply")
    String reply(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String number,
            @RequestParam(required = false) String text, RedirectAttributes redirect) {
        SandboxPhone sandbox = enabled();
        String from = resolve(user, number);
        redirect.addAttribute("number", from == null ? number : from);
        if (from == null) {
            redirect.addFlashAttribute("replyError", "phone.number.invalid");
        } else if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            redirect.addFlashAttribute("replyError", "phone.reply.invalid");
        } else {
            sandbox.reply(user.workspaceId(), from, text);
        }
        return "redirect:/phone";
    }

    private void screen(ConsoleUser user, String typed, Model model) {
        String typedNumber = typed == null || typed.isBlank() ? DEFAULT_NUMBER : typed.strip();
        String number = resolve(user, typedNumber);
        model.addAttribute("section", "phone");
        model.addAttribute("number", number == null ? typedNumber : number);
        model.addAttribute("numberValid", number != null);
        if (number == null) {
            model.addAttribute("conversation", new PhoneConversation(List.of()));
            return;
        }
        Contact contact = contacts.findByPhone(user.workspaceId(), number).orElse(null);
        model.addAttribute("contact", contact);
        model.addAttribute("conversation",
                PhoneConversation.of(phone.orElseThrow(), messages, user.workspaceId(), number, contact));
    }

    /**
     * The number as the carrier and the contacts know it: E.164 under the workspace's country when
     * it is valid there ("600 000 077" is +34600000077 in Spain), else the digits as typed; null
     * when it is not a number at all.
     */
    private String resolve(ConsoleUser user, String typed) {
        if (typed == null || !NUMBER.matcher(typed.strip()).matches()) {
            return null;
        }
        String digits = typed.strip().replaceAll("[ ()-]", "");
        return contacts.normalizePhone(user.workspaceId(), digits).orElse(digits);
    }

    private SandboxPhone enabled() {
        return phone.orElseThrow(() -> new ApiException(404, "sandbox_disabled",
                "Sandbox mode is off on this server (RECADO_SANDBOX=false)"));
    }
}
