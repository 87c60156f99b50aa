package dev.recado.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.RecadoTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each content kind through POST /v1/messages to a local Bot API, and its refusals mapped. */
@RecadoTest
class TelegramSendApiTest extends TelegramTestBase {

    @Test
    void botDefaultsToThirtyPerSecondKeepsSecretsAndRegistersItsWebhook() {
        var s = api.get("/v1/senders/" + sender, key);
        assertThat(s.json().get("rate_per_second").asInt()).isEqualTo(30);
        assertThat(s.body()).doesNotContain(TOKEN).doesNotContain(secret());
        assertThat(jdbc.sql("select settings from senders where id = :id").param("id", senderId()).query(String.class)
                .single()).doesNotContain(TOKEN);
        var hook = bot.calls("setWebhook").getLast().body();
        assertThat(hook.path("url").asString()).endsWith("/hooks/telegram/" + sender);
        assertThat(hook.path("secret_token").asString()).matches("[A-Za-z0-9_-]{20,256}");
        var bad = api.post("/v1/senders", key, "{\"channel\":\"telegram\",\"name\":\"x\",\"bot_token\":\"nope\",\"webhook_secret\":\"a b\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("bot_token").contains("webhook_secret");
    }

    @Test
    void textPhotoDocumentAndKeyboardGoAsTheirMethodsWithChatAndMessageIds() {
        String chat = newChat();
        var text = send("{\"to\":\"%s\",\"channel\":\"telegram\",\"body\":\"Hola, tu pedido sale hoy\"}".formatted(chat));
        assertThat(text.status()).as(text.body()).isEqualTo(202);
        assertThat(awaitStatus(text.text("id"), "sent")).contains("\"provider_id\":\"" + chat + ":");
        var photo = send("{\"to\":\"%s\",\"channel\":\"telegram\",\"media\":{\"kind\":\"image\",\"url\":\"https://cdn.example.com/box.jpg\",\"caption\":\"Tu caja\"}}"
                .formatted(chat));
        assertThat(photo.status()).as(photo.body()).isEqualTo(202);
        awaitStatus(photo.text("id"), "sent");
        var doc = send("{\"to\":\"%s\",\"channel\":\"telegram\",\"media\":{\"kind\":\"document\",\"url\":\"https://cdn.example.com/f.pdf\",\"caption\":\"Factura\"}}"
                .formatted(chat));
        awaitStatus(doc.text("id"), "sent");
        var keyboard = send("""
                {"to":"%s","channel":"telegram","body":"¿Confirmas la entrega?",
                 "buttons":[{"id":"confirm:4711","title":"Sí"},{"id":"later:4711","title":"Otro día"}]}""".formatted(chat));
        assertThat(keyboard.status()).as(keyboard.body()).isEqualTo(202);
        awaitStatus(keyboard.text("id"), "sent");

        var calls = bot.sendsTo(chat);
        assertThat(calls).extracting(BotApiServer.Call::method)
                .containsExactly("sendMessage", "sendPhoto", "sendDocument", "sendMessage");
        assertThat(calls.get(0).body().path("text").asString()).isEqualTo("Hola, tu pedido sale hoy");
        assertThat(calls.get(1).body().path("photo").asString()).isEqualTo("https://cdn.example.com/box.jpg");
        assertThat(calls.get(1).body().path("caption").asString()).isEqualTo("Tu caja");
        assertThat(calls.get(2).body().path("document").asString()).isEqualTo("https://cdn.example.com/f.pdf");
        JsonNode rows = calls.get(3).body().path("reply_markup").path("inline_keyboard");
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.path(1).path(0).path("callback_data").asString()).isEqualTo("later:4711");
        assertThat(rows.path(1).path(0).path("text").asString()).isEqualTo("Otro día");
    }

    @Test
    void tooLongTextAndCallbackDataAreRefusedAtAcceptanceNamingTheField() {
        String chat = newChat();
        var longText = send("{\"to\":\"%s\",\"channel\":\"telegram\",\"body\":\"%s\"}".formatted(chat, "a".repeat(4097)));
        assertThat(longText.status()).isEqualTo(422);
        assertThat(longText.body()).contains("body").contains("4096");
        var longData = send("""
                {"to":"%s","channel":"telegram","body":"Elige","buttons":[{"id":"%s","title":"Sí"}]}"""
                .formatted(chat, "ñ".repeat(33)));
        assertThat(longData.status()).isEqualTo(422);
        assertThat(longData.body()).contains("buttons[0].id").contains("64 bytes");
        var notAChat = send("{\"to\":\"telegram-user\",\"channel\":\"telegram\",\"body\":\"hola\"}");
        assertThat(notAChat.status()).isEqualTo(422);
        assertThat(notAChat.body()).contains("\"to\"");
        assertThat(bot.sendsTo(chat)).isEmpty();
    }

    @Test
    void floodControlWaitsRetryAfterThenSends() {
        String chat = newChat();
        bot.failFor(chat, 429, "Too Many Requests: retry after 2", 2, 1);
        var sent = send("{\"to\":\"%s\",\"channel\":\"telegram\",\"body\":\"Oferta\"}".formatted(chat));
        awaitStatus(sent.text("id"), "sent");
        var attempts = bot.sendsTo(chat);
        assertThat(attempts).hasSize(2);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aBlockedBotFailsAtOnceAndABadRequestCarriesTelegramsReason() {
        String blocked = newChat();
        bot.failFor(blocked, 403, "Forbidden: bot was blocked by the user", 0, 5);
        var first = send("{\"to\":\"%s\",\"channel\":\"telegram\",\"body\":\"Hola\"}".formatted(blocked));
        assertThat(awaitStatus(first.text("id"), "failed")).contains("\"error_code\":\"blocked_by_user\"");
        assertThat(bot.sendsTo(blocked)).hasSize(1);
        String gone = newChat();
        bot.failFor(gone, 400, "Bad Request: chat not found", 0, 5);
        var second = send("{\"to\":\"%s\",\"channel\":\"telegram\",\"body\":\"Hola\"}".formatted(gone));
        assertThat(awaitStatus(second.text("id"), "failed")).contains("\"error_code\":\"telegram_chat_not_found\"");
    }
}
