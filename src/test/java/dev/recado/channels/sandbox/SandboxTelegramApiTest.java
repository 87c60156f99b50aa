package dev.recado.channels.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The Telegram twin over the REST API: what a bot sends lands in the chat's outbox, and the chat's
 * messages, button presses and /start deep links come back through the real bot's update parser.
 */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
class SandboxTelegramApiTest {

    private static final AtomicLong CHATS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    String chat;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Sandbox Telegram " + System.nanoTime());
        chat = String.valueOf(CHATS.incrementAndGet());
    }

    @Test
    void aKeyboardAPhotoAndADocumentLandInTheChatsOutbox() {
        var twin = api.get("/v1/senders", key).json().get("data").valueStream()
                .filter(s -> s.get("channel").asString().equals("telegram")).toList();
        assertThat(twin).hasSize(1);
        assertThat(twin.get(0).get("provider").asString()).isEqualTo("sandbox_telegram");
        assertThat(twin.get(0).get("settings").get("bot_username").asString()).isEqualTo("recado_sandbox_bot");

        String keyboard = sent("""
                {"to":"%s","channel":"telegram","body":"¿Confirmas la entrega?",
                 "buttons":[{"id":"confirm:4711","title":"Sí"},{"id":"later:4711","title":"Otro día"}]}""".formatted(chat));
        String photo = sent("""
                {"to":"%s","channel":"telegram","media":{"kind":"image","url":"https://cdn.example.com/box.jpg","caption":"Tu caja"}}"""
                .formatted(chat));
        String document = sent("""
                {"to":"%s","channel":"telegram","media":{"kind":"document","url":"https://cdn.example.com/f.pdf"}}"""
                .formatted(chat));
        for (String id : new String[] {keyboard, photo, document}) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(api.get("/v1/messages/" + id, key).text("status")).isEqualTo("delivered"));
        }

        JsonNode outbox = api.get("/v1/sandbox/outbox?to=" + chat, key).json().get("data");
        assertThat(outbox).hasSize(3);
        JsonNode shown = byMessage(outbox, keyboard);
        assertThat(shown.get("channel").asString()).isEqualTo("telegram");
        assertThat(shown.get("to").asString()).isEqualTo(chat);
        assertThat(shown.get("kind").asString()).isEqualTo("interactive");
        assertThat(shown.get("content").get("buttons").findValuesAsString("id")).containsExactly("confirm:4711", "later:4711");
        assertThat(shown.get("content").get("buttons").findValuesAsString("title")).containsExactly("Sí", "Otro día");
        assertThat(byMessage(outbox, photo).get("kind").asString()).isEqualTo("media");
        assertThat(byMessage(outbox, photo).get("content").get("caption").asString()).isEqualTo("Tu caja");
        assertThat(byMessage(outbox, document).get("content").get("url").asString()).isEqualTo("https://cdn.example.com/f.pdf");
        // another chat's outbox is empty; a list (which Telegram has no form for) is refused as by the real bot
        assertThat(api.get("/v1/sandbox/outbox?to=" + chat + "9", key).json().get("data")).isEmpty();
        var list = api.post("/v1/messages", key, """
                {"to":"%s","channel":"telegram","body":"Elige","list":{"button":"Ver","sections":[{"title":"A","rows":[{"id":"a","title":"A"}]}]}}"""
                .formatted(chat));
        assertThat(list.status()).as(list.body()).isEqualTo(422);
    }

    @Test
    void aPressedButtonIsStoredAsAnInboundReplyWithItsData() {
        var press = api.post("/v1/sandbox/inbound", key, """
                {"channel":"telegram","from":"%s","callback_data":"confirm:4711"}""".formatted(chat));
        assertThat(press.status()).as(press.body()).isEqualTo(202);
        var text = api.post("/v1/sandbox/inbound", key, """
                {"channel":"telegram","from":"%s","text":"¿Y a qué hora?"}""".formatted(chat));
        assertThat(text.status()).as(text.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> inbound(chat) == 2);
        String content = jdbc.sql("""
                select m.content from messages m join senders s on s.id = m.sender_id
                 where m.direction = 'inbound' and s.provider = 'sandbox_telegram' and m.from_address = :chat
                   and m.content like '%confirm:4711%'""").param("chat", chat).query(String.class).single();
        assertThat(content).contains("callback");
        // the chat became a contact known by its telegram id, and a reply to it lands in its outbox
        assertThat(jdbc.sql("select count(*) from contact_channel_ids where channel = 'telegram' and external_id = :c")
                .param("c", chat).query(Long.class).single()).isEqualTo(1);
        String reply = sent("{\"to\":\"%s\",\"channel\":\"telegram\",\"body\":\"A las 10\"}".formatted(chat));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                byMessage(api.get("/v1/sandbox/outbox?to=" + chat, key).json().get("data"), reply) != null);
    }

    @Test
    void aStartDeepLinkThroughTheTwinLinksTheChatToTheContact() {
        var contact = api.post("/v1/contacts", key, "{\"email\":\"ana%s@cliente.example\",\"first_name\":\"Ana\"}".formatted(chat));
        assertThat(contact.status()).as(contact.body()).isEqualTo(201);
        String contactId = contact.text("id");
        var link = api.post("/v1/contacts/" + contactId + "/telegram-link", key, "");
        assertThat(link.status()).as(link.body()).isEqualTo(201);
        String url = link.text("url");
        assertThat(url).matches("https://t\\.me/recado_sandbox_bot\\?start=[A-Za-z0-9_-]{32}");
        String token = url.substring(url.indexOf("start=") + 6);

        var start = api.post("/v1/sandbox/inbound", key, """
                {"channel":"telegram","from":"%s","text":"/start %s"}""".formatted(chat, token));
        assertThat(start.status()).as(start.body()).isEqualTo(202);
        long id = Long.parseLong(contactId.substring(3), 36);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from contact_channel_ids where channel = 'telegram' and external_id = :c and contact_id = :id")
                .param("c", chat).param("id", id).query(Long.class).single() == 1);

        // the contact is now reachable on telegram by its id, and the message reaches that chat
        String byContact = sent("{\"to\":\"%s\",\"channel\":\"telegram\",\"body\":\"Hola Ana\"}".formatted(contactId));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                byMessage(api.get("/v1/sandbox/outbox?to=" + chat, key).json().get("data"), byContact)).isNotNull());
        // "/start" is a command, not the START keyword: nothing else was sent to the contact
        assertThat(jdbc.sql("select count(*) from messages where direction = 'outbound' and contact_id = :c")
                .param("c", id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badInboundIsRefusedNamingTheField() {
        var notAChat = api.post("/v1/sandbox/inbound", key, "{\"channel\":\"telegram\",\"from\":\"@ana\",\"text\":\"hola\"}");
        assertThat(notAChat.status()).isEqualTo(422);
        assertThat(notAChat.json().get("errors").findValuesAsString("field")).containsExactly("from");
        var longData = api.post("/v1/sandbox/inbound", key, """
                {"channel":"telegram","from":"%s","callback_data":"%s"}""".formatted(chat, "x".repeat(65)));
        assertThat(longData.status()).isEqualTo(422);
        assertThat(longData.json().get("errors").findValuesAsString("field")).containsExactly("callback_data");
        var onSms = api.post("/v1/sandbox/inbound", key, """
                {"channel":"sms","from":"+34600000001","text":"hola","callback_data":"x"}""");
        assertThat(onSms.status()).isEqualTo(422);
        assertThat(onSms.json().get("errors").findValuesAsString("field")).containsExactly("callback_data");
        var empty = api.post("/v1/sandbox/inbound", key, "{\"channel\":\"telegram\",\"from\":\"%s\"}".formatted(chat));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("errors").findValuesAsString("field")).containsExactly("text");
        assertThat(inbound(chat)).isZero();
    }

    private String sent(String json) {
        var sent = api.post("/v1/messages", key, json);
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        return sent.text("id");
    }

    private long inbound(String from) {
        return jdbc.sql("select count(*) from messages where direction = 'inbound' and from_address = :f")
                .param("f", from).query(Long.class).single();
    }

    private static JsonNode byMessage(JsonNode outbox, String messageId) {
        return outbox.valueStream().filter(m -> m.get("message_id").asString().equals(messageId)).findFirst().orElse(null);
    }
}
