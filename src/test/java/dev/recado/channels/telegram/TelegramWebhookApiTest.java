package dev.recado.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.RecadoTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Updates posted over a socket as Telegram posts them: the secret header, redeliveries, callbacks
 * answered once, and chats linked to contacts through /start deep links.
 */
@RecadoTest
class TelegramWebhookApiTest extends TelegramTestBase {

    @Test
    void aWrongOrMissingSecretIs401AndStoresNothing() {
        String chat = newChat();
        String update = textUpdate(nextUpdateId(), chat, "forged");
        long events = jdbc.sql("select count(*) from provider_events").query(Long.class).single();
        assertThat(postUpdate(update, "not-the-secret").status()).isEqualTo(401);
        assertThat(postUpdate(update, null).status()).isEqualTo(401);
        assertThat(postUpdate(update, secret() + "x").status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from provider_events").query(Long.class).single()).isEqualTo(events);
        assertThat(jdbc.sql("select count(*) from contact_channel_ids where channel = 'telegram' and external_id = :c")
                .param("c", chat).query(Long.class).single()).isZero();
    }

    @Test
    void aMessageBecomesInboundOnceEvenWhenRedelivered() {
        String chat = newChat();
        String update = textUpdate(nextUpdateId(), chat, "¿Abrís el domingo?");
        assertThat(postUpdate(update).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> inboundCount(chat) == 1);
        var again = postUpdate(update);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\":true");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from provider_events where sender_id = :s and processed_at is null")
                .param("s", senderId()).query(Long.class).single() == 0);
        assertThat(inboundCount(chat)).isEqualTo(1);
        // the chat is now a contact known by its id alone, and a reply may name it by chat id
        var reply = send("{\"to\":\"%s\",\"channel\":\"telegram\",\"body\":\"Sí, de 10 a 14\"}".formatted(chat));
        awaitStatus(reply.text("id"), "sent");
        assertThat(jdbc.sql("select count(*) from contact_channel_ids where channel = 'telegram' and external_id = :c")
                .param("c", chat).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aTappedButtonIsAnInboundReplyAndItsCallbackIsAnsweredOnce() {
        String chat = newChat();
        long updateId = nextUpdateId();
        String callbackId = "4382bfdwdsb323b2d" + updateId;
        String update = """
                {"update_id":%d,"callback_query":{"id":"%s","from":{"id":%s,"is_bot":false,"first_name":"Lucía"},
                 "message":{"message_id":77,"chat":{"id":%s,"type":"private"},"date":1700000000,"text":"¿Confirmas?"},
                 "chat_instance":"-8912345","data":"confirm:4711"}}""".formatted(updateId, callbackId, chat, chat);
        assertThat(postUpdate(update).status()).isEqualTo(200);
        assertThat(postUpdate(update).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> inboundCount(chat) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> !bot.calls("answerCallbackQuery").stream()
                .filter(c -> c.body().path("callback_query_id").asString().equals(callbackId)).toList().isEmpty());
        assertThat(bot.calls("answerCallbackQuery").stream()
                .filter(c -> c.body().path("callback_query_id").asString().equals(callbackId))).hasSize(1);
        String content = jdbc.sql("select content from messages where direction = 'inbound' and sender_id = :s and from_address = :f")
                .param("s", senderId()).param("f", chat).query(String.class).single();
        assertThat(content).contains("confirm:4711");
    }

    @Test
    void aStartDeepLinkTiesTheChatToTheContactOnce() {
        var noUsername = api.post("/v1/contacts/ct_zzz/telegram-link", key, "");
        assertThat(noUsername.status()).isIn(404, 422);
        assertThat(api.patch("/v1/senders/" + sender, key, "{\"bot_username\":\"tienda_bot\"}").status()).isEqualTo(200);
        var contact = api.post("/v1/contacts", key, "{\"phone\":\"+34611%06d\",\"first_name\":\"Ana\"}"
                .formatted(nextUpdateId() % 1_000_000));
        assertThat(contact.status()).as(contact.body()).isEqualTo(201);
        String contactId = contact.text("id");
        var link = api.post("/v1/contacts/" + contactId + "/telegram-link?sender=" + sender, key, "");
        assertThat(link.status()).as(link.body()).isEqualTo(201);
        String url = link.text("url");
        assertThat(url).matches("https://t\\.me/tienda_bot\\?start=[A-Za-z0-9_-]{32}");
        String token = url.substring(url.indexOf("start=") + 6);

        String chat = newChat();
        long id = Long.parseLong(contactId.substring(3), 36);
        assertThat(postUpdate(textUpdate(nextUpdateId(), chat, "/start " + token)).status()).isEqualTo(200);
        // the linked contact has a phone, so its inbound message is stored as from that phone
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from messages where direction = 'inbound' and sender_id = :s and contact_id = :c")
                .param("s", senderId()).param("c", id).query(Long.class).single() == 1);
        assertThat(linkedContact(chat)).isEqualTo(id);
        var byContact = send("{\"to\":\"%s\",\"channel\":\"telegram\",\"body\":\"Hola Ana\"}".formatted(contactId));
        assertThat(byContact.status()).as(byContact.body()).isEqualTo(202);
        awaitStatus(byContact.text("id"), "sent");
        assertThat(bot.sendsTo(chat)).anyMatch(c -> c.body().path("text").asString().equals("Hola Ana"));
        // "/start" is a bot command, not the START keyword: no "subscribed again" reply was queued
        assertThat(jdbc.sql("select count(*) from messages where direction = 'outbound' and contact_id = :c")
                .param("c", id).query(Long.class).single()).isEqualTo(1);

        // used once: another chat with the same token stays a contact of its own
        String other = newChat();
        assertThat(postUpdate(textUpdate(nextUpdateId(), other, "/start " + token)).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> inboundCount(other) == 1);
        assertThat(linkedContact(other)).isNotEqualTo(linkedContact(chat));
    }

    private Long linkedContact(String chat) {
        return jdbc.sql("select contact_id from contact_channel_ids where channel = 'telegram' and external_id = :c")
                .param("c", chat).query(Long.class).single();
    }
}
