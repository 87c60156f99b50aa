package dev.recado.channels.telegram.internal;

import dev.recado.common.OutboundTargets;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.ProviderWebhooks;
import dev.recado.messaging.spi.SenderConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Telegram's updates for one bot: accepted only with the bot's secret in
 * {@code X-Telegram-Bot-Api-Secret-Token} (compared in constant time), kept once per
 * {@code update_id}. A {@code message} becomes an inbound message of the contact linked to its chat
 * (the chat id is the contact's telegram id); a {@code callback_query} (a tapped inline button)
 * becomes an inbound reply, and the callback is answered so the user's client stops its spinner.
 */
public final class TelegramWebhooks implements ProviderWebhooks {

    private static final Logger log = LoggerFactory.getLogger(TelegramWebhooks.class);

    /** What to do with the token of a {@code /start <token>} deep link: link the chat to its contact. */
    public interface DeepLinks {
        void redeem(SenderConfig sender, String token, String chatId);
    }

    /** How a tapped button's callback is answered (the Bot API's answerCallbackQuery). */
    public interface CallbackAnswers {
        void answer(SenderConfig sender, String callbackId);
    }

    private final OutboundTargets targets;
    private final DeepLinks links;
    private final CallbackAnswers answers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public TelegramWebhooks(OutboundTargets targets, DeepLinks links) {
        this.targets = targets;
        this.links = links;
        this.answers = this::answer;
    }

    /** Updates read without a bot to answer to (the sandbox twin, whose client shows no spinner). */
    public TelegramWebhooks(DeepLinks links, CallbackAnswers answers) {
        this.targets = null;
        this.links = links;
        this.answers = answers;
    }

    @Override
    public Optional<String> handshake(SenderConfig sender, Map<String, String> query) {
        // Telegram has no subscription handshake: setWebhook registers the URL
        return Optional.empty();
    }

    @Override
    public boolean verify(SenderConfig sender, Map<String, String> headers, byte[] body) {
        String given = headers.get("x-telegram-bot-api-secret-token");
        if (given == null) {
            return false;
        }
        String expected = TelegramSettings.from(sender.senderId(), sender.settings()).webhookSecret();
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Telegram redelivers an update under the same {@code update_id}. */
    @Override
    public String eventKey(byte[] body) {
        try {
            long id = BotApi.JSON.readTree(body).path("update_id").asLong(-1);
            if (id >= 0) {
                return "update:" + id;
            }
        } catch (RuntimeException unreadable) {
            // kept by digest and refused when processed
        }
        return ProviderWebhooks.super.eventKey(body);
    }

    @Override
    public ProviderEvent parse(SenderConfig sender, byte[] body) {
        JsonNode update;
        try {
            update = BotApi.JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        JsonNode message = update.path("message");
        if (message.isObject()) {
            String chat = message.path("chat").path("id").asString("");
            String text = message.path("text").asString(null);
            if (text != null && text.startsWith("/start ")) {
                links.redeem(sender, text.substring("/start ".length()).strip(), chat);
            }
            Content content = text != null ? new Content.Text(text)
                    : message.has("photo") ? new Content.Text(message.path("caption").asString("[photo]"))
                    : new Content.Text("[" + firstKind(message) + "]");
            // Telegram's commands start with a slash ("/start <token>" from a deep link)
            boolean command = text != null && text.startsWith("/");
            return inbound(new ProviderInbound(null, null, content.summary(),
                    chat + ":" + message.path("message_id").asLong(0), time(message), content, chat,
                    name(message.path("from")), List.of(), command));
        }
        JsonNode callback = update.path("callback_query");
        if (callback.isObject()) {
            String chat = callback.path("message").path("chat").path("id").asString(callback.path("from").path("id").asString(""));
            answers.answer(sender, callback.path("id").asString(""));
            var reply = new Content.Reply("callback", callback.path("data").asString(null), null);
            return inbound(new ProviderInbound(null, null, reply.summary(), "cb:" + callback.path("id").asString(""),
                    Instant.now(), reply, chat, name(callback.path("from"))));
        }
        return new ProviderEvent(List.of(), List.of());
    }

    /**
     * Once per stored update, which is kept once per update_id; a failed answer is only logged, as the
     * user's spinner ends by itself and the reply is stored regardless.
     */
    private void answer(SenderConfig sender, String callbackId) {
        var settings = TelegramSettings.from(sender.senderId(), sender.settings());
        try {
            var client = new TelegramChannelAdapter.BotClient(settings, targets, sender.workspaceId(), http);
            var response = client.call(BotApi.answerCallback(callbackId));
            if (response.statusCode() / 100 != 2) {
                log.warn("Sender {}: answerCallbackQuery answered {}", sender.senderId(), response.statusCode());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Sender {}: answerCallbackQuery failed: {}", sender.senderId(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ProviderEvent inbound(ProviderInbound message) {
        return new ProviderEvent(List.of(), List.of(message));
    }

    private static String firstKind(JsonNode message) {
        for (String kind : List.of("document", "sticker", "voice", "video", "audio", "location", "contact")) {
            if (message.has(kind)) {
                return kind;
            }
        }
        return "message";
    }

    private static String name(JsonNode from) {
        String first = from.path("first_name").asString(null);
        String last = from.path("last_name").asString(null);
        return first == null ? null : last == null ? first : first + " " + last;
    }

    private static Instant time(JsonNode node) {
        long seconds = node.path("date").asLong(0);
        return seconds > 0 ? Instant.ofEpochSecond(seconds) : Instant.now();
    }
}
