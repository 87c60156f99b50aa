package dev.recado.console.internal;

import dev.recado.channels.sandbox.SandboxHandset;
import dev.recado.channels.sandbox.SandboxMailbox;
import dev.recado.channels.sandbox.SandboxPhone;
import dev.recado.channels.sandbox.SandboxRcs;
import dev.recado.channels.sandbox.SandboxTelegram;
import dev.recado.channels.sandbox.SandboxWhatsApp;
import dev.recado.common.ApiException;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactManagement;
import dev.recado.common.PublicId;
import dev.recado.messaging.MessageFilter;
import dev.recado.messaging.MessageManagement;
import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
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
 * The virtual phone of sandbox mode: play a customer's handset on SMS, WhatsApp, RCS, Telegram or
 * email, read what it received (the screen polls every second) and answer — text, a tapped button,
 * list row, suggestion or inline button, an email reply — which reaches Recado through the channel's
 * sandbox twin as a real inbound message. On web chat the phone is a visitor of a page carrying the
 * real widget ({@link PhoneChatController}). Without the sandbox the page says how to turn it on.
 */
@Controller
class PhoneController {

    static final String DEFAULT_NUMBER = "+34600000001";
    static final String DEFAULT_ADDRESS = "cliente@example.com";
    static final String DEFAULT_CHAT = "5550001";
    static final int MAX_TEXT = 1600;
    static final List<String> CHANNELS = List.of("sms", "whatsapp", "rcs", "telegram", "email", "webchat");
    /** A Telegram chat id: a person's is positive, a group's negative. */
    static final Pattern CHAT = Pattern.compile("-?[0-9]{1,15}");
    /** What a person may type for a number; the sandbox API accepts the same. */
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9 ()-]{6,20}");

    private final Optional<SandboxPhone> phone;
    private final Optional<SandboxWhatsApp> whatsapp;
    private final Optional<SandboxRcs> rcs;
    private final Optional<SandboxTelegram> telegram;
    private final Optional<SandboxMailbox> mailbox;
    private final ContactManagement contacts;
    private final MessageManagement messages;
    private final PhoneWebchat webchat;

    PhoneController(Optional<SandboxPhone> phone, Optional<SandboxWhatsApp> whatsapp, Optional<SandboxRcs> rcs,
            Optional<SandboxTelegram> telegram, Optional<SandboxMailbox> mailbox, ContactManagement contacts,
            MessageManagement messages, PhoneWebchat webchat) {
        this.phone = phone;
        this.whatsapp = whatsapp;
        this.rcs = rcs;
        this.telegram = telegram;
        this.mailbox = mailbox;
        this.contacts = contacts;
        this.messages = messages;
        this.webchat = webchat;
    }

    @GetMapping("/phone")
    String page(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String channel,
            @RequestParam(required = false) String number, @RequestParam(required = false) String address,
            @RequestParam(required = false) String chat, @RequestParam(required = false) String open,
            HttpServletRequest request, Model model) {
        model.addAttribute("section", "phone");
        if (phone.isEmpty()) {
            return "phone-off";
        }
        screen(user, channel, number, address, chat, model);
        if ("webchat".equals(model.getAttribute("channel"))) {
            model.addAttribute("webchat", webchat.find(user.workspaceId(), PhoneWebchat.originOf(request)).orElse(null));
        }
        if ("email".equals(model.getAttribute("channel")) && open != null && Boolean.TRUE.equals(model.getAttribute("addressValid"))) {
            mailbox.flatMap(m -> m.find(user.workspaceId(), (String) model.getAttribute("address"), open)).ifPresent(e -> {
                model.addAttribute("email", e);
                model.addAttribute("replies", replies(user.workspaceId(), (Contact) model.getAttribute("contact"), open));
            });
        }
        return "phone";
    }

    /** The customer's replies to the email {@code open} as Recado received and threaded them, newest first. */
    private List<PhoneConversation.Bubble> replies(long workspaceId, Contact contact, String open) {
        Long answered = PublicId.parse(ConsoleFormat.MESSAGE, open).orElse(null);
        if (contact == null || answered == null) {
            return List.of();
        }
        return messages.list(workspaceId, new MessageFilter(null, "email", contact.id(), null, "inbound"), Long.MAX_VALUE,
                PhoneConversation.SHOWN).stream().filter(m -> answered.equals(m.inReplyTo())).map(PhoneConversation::sent)
                .toList();
    }

    @GetMapping("/phone/messages")
    String messages(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String channel,
            @RequestParam(required = false) String number, @RequestParam(required = false) String address,
            @RequestParam(required = false) String chat, Model model) {
        enabled();
        screen(user, channel, number, address, chat, model);
        return "phone :: messages";
    }

    /**
     * The customer answers on {@code channel}: {@code text}, or on WhatsApp, RCS and Telegram a tap on
     * {@code tap} (a button's or list row's id, a suggestion's postback data, an inline button's
     * callback data; {@code text} is its title), or on email a reply to the email {@code open}.
     */
    @PostMapping("/phone/reply")
    String reply(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String channel,
            @RequestParam(required = false) String number, @RequestParam(required = false) String address,
            @RequestParam(required = false) String chat, @RequestParam(required = false) String text,
            @RequestParam(required = false) String tap, @RequestParam(required = false) String open,
            RedirectAttributes redirect) {
        SandboxPhone sandbox = enabled();
        String on = channel(channel);
        String error;
        if (on.equals("webchat")) {
            // the visitor writes in the widget itself, over its socket
            error = "phone.reply.invalid";
        } else if (on.equals("telegram")) {
            String from = chat(chat);
            redirect.addAttribute("chat", from == null ? chat : from);
            error = from == null ? "phone.telegram.chat.invalid"
                    : !validText(text) || tap != null && (tap.isBlank() || tap.length() > 256) ? "phone.reply.invalid"
                    : telegram.map(h -> h.reply(user.workspaceId(), from, text, tap)).orElse(false)
                    ? null : "phone.twin.missing";
        } else if (on.equals("email")) {
            String from = address(address);
            redirect.addAttribute("address", from == null ? address : from);
            redirect.addAttribute("open", open);
            error = from == null ? "phone.address.invalid"
                    : !validText(text) ? "phone.reply.invalid"
                    : open == null || mailbox.isEmpty() || !mailbox.get().reply(user.workspaceId(), from, open, text)
                    ? "phone.twin.missing" : null;
        } else {
            String from = resolve(user, number);
            redirect.addAttribute("number", from == null ? number : from);
            if (from == null) {
                error = "phone.number.invalid";
            } else if (!validText(text) || tap != null && (on.equals("sms") || tap.isBlank() || tap.length() > 256)) {
                error = "phone.reply.invalid";
            } else if (on.equals("sms")) {
                try {
                    sandbox.reply(user.workspaceId(), from, text);
                    error = null;
                } catch (dev.recado.common.ApiException connecting) {
                    error = "phone.sms.connecting";
                }
            } else {
                error = handset(on).map(h -> h.reply(user.workspaceId(), from, text, tap)).orElse(false)
                        ? null : "phone.twin.missing";
            }
        }
        if (!on.equals("sms")) {
            redirect.addAttribute("channel", on);
        }
        if (error != null) {
            redirect.addFlashAttribute("replyError", error);
        }
        return "redirect:/phone";
    }

    static boolean validText(String text) {
        return text != null && !text.isBlank() && text.length() <= MAX_TEXT;
    }

    private void screen(ConsoleUser user, String channel, String typed, String typedAddress, String typedChat,
            Model model) {
        String on = channel(channel);
        String shownChat = typedChat == null || typedChat.isBlank() ? DEFAULT_CHAT : typedChat.strip();
        String chat = chat(shownChat);
        String typedNumber = typed == null || typed.isBlank() ? DEFAULT_NUMBER : typed.strip();
        String number = resolve(user, typedNumber);
        String shownAddress = typedAddress == null || typedAddress.isBlank() ? DEFAULT_ADDRESS : typedAddress.strip();
        String address = address(shownAddress);
        model.addAttribute("section", "phone");
        model.addAttribute("channel", on);
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("number", number == null ? typedNumber : number);
        model.addAttribute("numberValid", number != null);
        model.addAttribute("address", address == null ? shownAddress : address);
        model.addAttribute("addressValid", address != null);
        model.addAttribute("chat", shownChat);
        model.addAttribute("chatValid", chat != null);
        model.addAttribute("conversation", new PhoneConversation(List.of()));
        if (on.equals("webchat")) {
            model.addAttribute("valid", false);
            return;
        }
        if (on.equals("telegram")) {
            model.addAttribute("valid", chat != null);
            if (chat != null) {
                Contact contact = contacts.findByChannelId(user.workspaceId(), "telegram", chat).orElse(null);
                model.addAttribute("contact", contact);
                model.addAttribute("rich", telegram.map(h -> RichConversation.of(h, on, messages, user.workspaceId(),
                        chat, contact)).orElse(new RichConversation(List.of())));
            }
            return;
        }
        if (on.equals("email")) {
            model.addAttribute("valid", address != null);
            if (address != null) {
                model.addAttribute("contact", contacts.findByEmail(user.workspaceId(), address).orElse(null));
                model.addAttribute("inbox", mailbox.map(m -> m.inbox(user.workspaceId(), address)).orElse(List.of()));
            }
            return;
        }
        model.addAttribute("valid", number != null);
        if (number == null) {
            return;
        }
        Contact contact = contacts.findByPhone(user.workspaceId(), number).orElse(null);
        model.addAttribute("contact", contact);
        if (on.equals("sms")) {
            model.addAttribute("conversation",
                    PhoneConversation.of(phone.orElseThrow(), messages, user.workspaceId(), number, contact));
        } else {
            model.addAttribute("rich", handset(on).map(h -> RichConversation.of(h, on, messages, user.workspaceId(),
                    number, contact)).orElse(new RichConversation(List.of())));
        }
    }

    private Optional<? extends SandboxHandset> handset(String channel) {
        return channel.equals("whatsapp") ? whatsapp : rcs;
    }

    private static String channel(String channel) {
        return channel != null && CHANNELS.contains(channel) ? channel : "sms";
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

    /** The chat id as typed, when it is one; null otherwise. */
    static String chat(String typed) {
        return typed == null || !CHAT.matcher(typed.strip()).matches() ? null : typed.strip();
    }

    /** The address as the mailbox files it (lower case); null when it is not one. */
    private static String address(String typed) {
        return typed == null || !SandboxMailbox.ADDRESS.matcher(typed.strip()).matches() ? null : typed.strip().toLowerCase(Locale.ROOT);
    }

    private SandboxPhone enabled() {
        return sandbox(phone);
    }

    /** A sandbox bean, which exists only in sandbox mode: else the 404 every phone action answers. */
    static <T> T sandbox(Optional<T> bean) {
        return bean.orElseThrow(() -> new ApiException(404, "sandbox_disabled",
                "Sandbox mode is off on this server (RECADO_SANDBOX=false)"));
    }
}
