package dev.recado.channels.sandbox;

import dev.recado.common.ApiException;
import dev.recado.common.Caller;
import dev.recado.common.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sandbox only: play the customer from a script, as the console's virtual phone does. */
@RestController
@RequestMapping("/v1/sandbox")
class SandboxController {

    /**
     * {@code button_id}: on WhatsApp, the reply button the customer taps ({@code text} is its title);
     * on RCS, the postback data of the suggestion tapped ({@code text} is the chip's text).
     * {@code callback_data}: on Telegram, the data of the inline keyboard button pressed ({@code from}
     * is the chat id, {@code text} not needed).
     * {@code in_reply_to}: on email, the message id of the email {@code from} answers (required there).
     */
    record Inbound(String channel, String from, String text, String buttonId, String callbackData, String inReplyTo) {
    }

    private final Optional<SandboxPhone> phone;
    private final Optional<SandboxMailbox> mailbox;
    /** The rich channels' handsets by channel (whatsapp, rcs, telegram). */
    private final Map<String, SandboxHandset> handsets = new LinkedHashMap<>();

    SandboxController(Optional<SandboxPhone> phone, Optional<SandboxMailbox> mailbox, List<SandboxHandset> handsets) {
        this.phone = phone;
        this.mailbox = mailbox;
        handsets.forEach(h -> this.handsets.put(h.channel(), h));
    }

    @PostMapping("/inbound")
    ResponseEntity<Map<String, Object>> inbound(Caller caller, @RequestBody Inbound body) {
        SandboxPhone sandbox = enabled();
        List<FieldProblem> problems = new ArrayList<>();
        String channel = body.channel() == null ? "sms" : body.channel();
        boolean telegram = channel.equals("telegram");
        boolean email = channel.equals("email");
        if (!channel.equals("sms") && !email && !handsets.containsKey(channel)) {
            problems.add(new FieldProblem("channel", "the sandbox simulates sms, whatsapp, rcs, telegram and email"));
        }
        if (body.buttonId() != null && (!channel.equals("whatsapp") && !channel.equals("rcs") || body.buttonId().isBlank()
                || body.buttonId().length() > 256)) {
            problems.add(new FieldProblem("button_id", "is a WhatsApp reply button's id or an RCS suggestion's postback data, 1 to 256 characters"));
        }
        if (body.callbackData() != null && (!telegram || body.callbackData().isEmpty()
                || body.callbackData().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64)) {
            problems.add(new FieldProblem("callback_data", "is a Telegram inline button's data, 1 to 64 bytes"));
        }
        boolean fromValid = body.from() != null && (email ? SandboxMailbox.ADDRESS.matcher(body.from().strip()).matches()
                : telegram ? body.from().strip().matches("-?[0-9]{1,15}") : body.from().matches("\\+?[0-9 ()-]{6,20}"));
        if (!fromValid) {
            problems.add(new FieldProblem("from", email ? "must be an email address"
                    : telegram ? "must be a Telegram chat id" : "must be a phone number"));
        }
        if (email && (body.inReplyTo() == null
                || fromValid && mailbox.flatMap(m -> m.find(caller.workspace(), body.from(), body.inReplyTo())).isEmpty())) {
            problems.add(new FieldProblem("in_reply_to", "must be the message id of an email this address received"));
        } else if (!email && body.inReplyTo() != null) {
            problems.add(new FieldProblem("in_reply_to", "is for email only"));
        }
        boolean textNeeded = !(telegram && body.callbackData() != null);
        if (textNeeded ? body.text() == null || body.text().isEmpty() || body.text().length() > 1600
                : body.text() != null && body.text().length() > 1600) {
            problems.add(new FieldProblem("text", "is required, at most 1600 characters"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        String from = telegram || email ? body.from().strip() : body.from().replaceAll("[ ()-]", "");
        SandboxHandset handset = handsets.get(channel);
        if (email) {
            if (mailbox.isEmpty() || !mailbox.get().reply(caller.workspace(), from, body.inReplyTo(), body.text())) {
                throw new ApiException(409, "no_sandbox_sender", "This workspace has no sandbox email sender running");
            }
        } else if (handset != null) {
            String tapped = telegram ? body.callbackData() : body.buttonId();
            if (!handset.reply(caller.workspace(), from, body.text(), tapped)) {
                throw new ApiException(409, "no_sandbox_sender", "This workspace has no sandbox " + channel + " sender running");
            }
        } else {
            sandbox.reply(caller.workspace(), from, body.text());
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("status", "delivered_to_recado");
        accepted.put("channel", channel);
        accepted.put("from", body.from());
        return ResponseEntity.accepted().body(accepted);
    }

    @GetMapping("/outbox")
    Map<String, Object> outbox(Caller caller, @RequestParam(required = false) String to) {
        Map<String, Object> page = new LinkedHashMap<>();
        // an address asks the mailbox, a number the phone; without either, both, newest first
        boolean address = to != null && to.contains("@");
        List<Object> data = new ArrayList<>();
        if (!address) {
            data.addAll(enabled().inbox(caller.workspace(), to));
            handsets.values().forEach(h -> data.addAll(h.inbox(caller.workspace(), to)));
            data.sort(Comparator.comparing(SandboxController::at).reversed());
        }
        if (to == null || address) {
            enabled();
            mailbox.ifPresent(m -> data.addAll(m.inbox(caller.workspace(), to)));
        }
        if (to == null) {
            data.sort(Comparator.comparing(SandboxController::at).reversed());
        }
        page.put("data", data);
        page.put("next_cursor", null);
        return page;
    }

    private static Instant at(Object received) {
        return switch (received) {
            case SandboxMailbox.Received e -> e.at();
            case SandboxHandset.Received h -> h.at();
            default -> ((SandboxPhone.Received) received).at();
        };
    }

    private SandboxPhone enabled() {
        return phone.orElseThrow(() -> new ApiException(404, "sandbox_disabled",
                "Sandbox mode is off on this server (RECADO_SANDBOX=false)"));
    }
}
