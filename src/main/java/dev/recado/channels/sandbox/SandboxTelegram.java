package dev.recado.channels.sandbox;

import dev.recado.channels.telegram.TelegramLinks;
import dev.recado.channels.telegram.internal.TelegramWebhooks;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.SenderConfig;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's Telegram client: texts, photos, documents and inline keyboards a
 * {@code sandbox_telegram} sender delivered to a chat id (in {@code sandbox_telegram}), and the
 * customer's messages and button presses. Those are written as the Bot API's updates and read by the
 * real bot's webhook parser ({@link TelegramWebhooks}), so a {@code /start <token>} links the chat to
 * its contact and a press arrives as a {@code callback} reply exactly as from Telegram.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
public class SandboxTelegram extends SandboxHandset {

    /** The bot the sandbox twin plays, for deep links ({@code t.me/recado_sandbox_bot?start=...}). */
    static final String BOT_USERNAME = "recado_sandbox_bot";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TelegramWebhooks updates;

    SandboxTelegram(JdbcClient jdbc, Clock clock, TelegramLinks links) {
        super(jdbc, clock, "telegram", "sandbox_telegram", "telegram_id");
        // the twin's client has no spinner waiting for answerCallbackQuery
        this.updates = new TelegramWebhooks(links, (sender, callbackId) -> { });
    }

    @Override
    Content.Reply tap(String callbackData, String text) {
        return new Content.Reply("callback", callbackData, null);
    }

    @Override
    String inboundId() {
        return "sandbox:" + newId();
    }

    /** Chat ids are kept as given: a group's is negative. */
    @Override
    String address(String to) {
        return to.strip();
    }

    @Override
    String shown(String stored) {
        return stored;
    }

    @Override
    List<ProviderInbound> received(SenderConfig sender, String from, String text, String tapped) {
        long chatId = Long.parseLong(address(from));
        ObjectNode person = JSON.createObjectNode().put("id", chatId).put("is_bot", false);
        ObjectNode chat = JSON.createObjectNode().put("id", chatId).put("type", "private");
        ObjectNode message = JSON.createObjectNode().put("message_id", positive())
                .put("date", clock.instant().getEpochSecond());
        message.set("chat", chat);
        ObjectNode update = JSON.createObjectNode().put("update_id", positive());
        if (tapped == null) {
            message.set("from", person);
            update.set("message", message.put("text", text));
        } else {
            ObjectNode callback = update.putObject("callback_query").put("id", inboundId()).put("data", tapped);
            callback.set("from", person);
            callback.set("message", message);
        }
        return updates.parse(sender, update.toString().getBytes(StandardCharsets.UTF_8)).inbound();
    }

    /** Random ids keep every sandbox message's provider id ({@code chat:message_id}) unique on every node. */
    private static long positive() {
        return RANDOM.nextLong(1, Long.MAX_VALUE);
    }
}
