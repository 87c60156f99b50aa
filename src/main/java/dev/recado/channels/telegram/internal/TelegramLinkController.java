package dev.recado.channels.telegram.internal;

import dev.recado.channels.telegram.TelegramLinks;
import dev.recado.common.ApiException;
import dev.recado.common.Caller;
import dev.recado.common.PublicId;
import dev.recado.messaging.SenderDirectory;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/contacts/{id}/telegram-link}: a deep link to the workspace's bot (the default
 * telegram sender, or the {@code sender} parameter) whose {@code /start} ties the chat to this contact.
 */
@RestController
class TelegramLinkController {

    private final TelegramLinks links;
    private final SenderDirectory senders;

    TelegramLinkController(TelegramLinks links, SenderDirectory senders) {
        this.links = links;
        this.senders = senders;
    }

    @PostMapping("/v1/contacts/{id}/telegram-link")
    ResponseEntity<Map<String, Object>> link(Caller caller, @PathVariable String id,
            @RequestParam(required = false) String sender) {
        long ws = caller.workspace();
        long contact = PublicId.require("ct_", id, "Contact");
        SenderDirectory.SenderView bot;
        if (sender != null) {
            bot = senders.get(ws, sender);
            if (!bot.channel().equals("telegram")) {
                throw ApiException.invalid("sender", "must be a telegram sender");
            }
        } else {
            bot = senders.list(ws).stream().filter(s -> s.channel().equals("telegram") && s.enabled())
                    .min(Comparator.comparing((SenderDirectory.SenderView s) -> !s.isDefault()))
                    .orElseThrow(() -> ApiException.unprocessable("no_sender", "The workspace has no telegram sender"));
        }
        if (!(bot.settings().get("bot_username") instanceof String username)) {
            throw ApiException.invalid("bot_username", "the telegram sender " + bot.id()
                    + " needs its bot_username for deep links");
        }
        String token = links.mint(ws, contact);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("url", "https://t.me/" + username.strip().replaceFirst("^@", "") + "?start=" + token);
        answer.put("sender", bot.id());
        answer.put("expires_at", Instant.now().plus(TelegramLinks.VALID).toString());
        return ResponseEntity.status(201).body(answer);
    }
}
