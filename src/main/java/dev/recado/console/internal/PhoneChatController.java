package dev.recado.console.internal;

import dev.recado.channels.sandbox.SandboxPhone;
import dev.recado.channels.sandbox.SandboxTelegram;
import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The virtual phone's chat apps beyond replying: on Telegram, opening a bot's deep link ("Start"
 * sends {@code /start <token>}, which links the chat to the contact the link was made for); on web
 * chat, the page the phone visits, which carries the workspace's real widget.
 */
@Controller
class PhoneChatController {

    /** A deep link as {@code POST /v1/contacts/{id}/telegram-link} gives it, or only its start parameter. */
    private static final Pattern START = Pattern.compile(
            "(?:(?:https?://)?t\\.me/[A-Za-z0-9_]{5,32}\\?start=)?([A-Za-z0-9_-]{1,64})");

    private final Optional<SandboxPhone> phone;
    private final Optional<SandboxTelegram> telegram;
    private final PhoneWebchat webchat;

    PhoneChatController(Optional<SandboxPhone> phone, Optional<SandboxTelegram> telegram, PhoneWebchat webchat) {
        this.phone = phone;
        this.telegram = telegram;
        this.webchat = webchat;
    }

    /** Telegram's Start button under a deep link: the customer's app sends {@code /start <token>} to the bot. */
    @PostMapping("/phone/start")
    String start(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String chat,
            @RequestParam(required = false) String link, RedirectAttributes redirect) {
        SandboxTelegram handset = PhoneController.sandbox(telegram);
        String from = PhoneController.chat(chat);
        Matcher token = START.matcher(link == null ? "" : link.strip());
        String error = from == null ? "phone.telegram.chat.invalid"
                : !token.matches() ? "phone.telegram.link.invalid"
                : handset.reply(user.workspaceId(), from, "/start " + token.group(1), null) ? null : "phone.twin.missing";
        redirect.addAttribute("channel", "telegram");
        redirect.addAttribute("chat", from == null ? chat : from);
        if (error != null) {
            redirect.addFlashAttribute("replyError", error);
        }
        return "redirect:/phone";
    }

    /**
     * A business's page as the phone's browser shows it, with the widget's one script tag. The script
     * comes from this server, so the page's origin is the console's and the widget's allowed-origin
     * check applies to it as to any site.
     */
    @GetMapping("/phone/webchat")
    String site(@AuthenticationPrincipal ConsoleUser user, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        PhoneController.sandbox(phone);
        // the console answers X-Frame-Options DENY; browsers obey frame-ancestors instead when it is
        // present, which lets the phone (same origin, and only it) frame this one page
        response.setHeader("Content-Security-Policy", "frame-ancestors 'self'");
        model.addAttribute("webchat", webchat.find(user.workspaceId(), PhoneWebchat.originOf(request)).orElse(null));
        return "phone-webchat";
    }
}
