package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import dev.recado.messaging.MessageManagement;
import dev.recado.messaging.Content;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.MessageDraft;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.workspace.NewWorkspace;
import dev.recado.workspace.WorkspaceManagement;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * The message, sender, balance and phone pages over plain HTTP in sandbox mode: who sees what,
 * workspace scoping, the send form's refusals, polling that stops, and canceling.
 */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagePagesHttpTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    MessageManagement messages;
    @Autowired
    WorkspaceManagement workspaces;

    long workspaceId;
    ConsoleSession admin;
    ConsoleSession agent;

    /** One sign-in per account for the class: the login rate limit allows five a minute per account. */
    @BeforeAll
    void signIn() {
        workspaceId = TestUsers.workspaceOf(jdbc, TestUsers.ADMIN_EMAIL);
        admin = new ConsoleSession(port);
        assertThat(admin.login(TestUsers.ADMIN_EMAIL, TestUsers.ADMIN_PASSWORD).location()).endsWith("/");
        TestUsers.createAgent(jdbc, passwords, workspaceId, "agent-messages@test.local", "agent-password-2");
        agent = new ConsoleSession(port);
        assertThat(agent.login("agent-messages@test.local", "agent-password-2").location()).endsWith("/");
    }

    @Test
    void anAgentFollowsAMessageUntilItIsDeliveredAndThePageStopsAsking() {
        String id = send("+34600000201", "Tu cita es mañana a las 10:00", null);
        var log = agent.get("/messages");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body()).contains("id=\"nav-messages\"").contains("href=\"/messages/" + id + "\"")
                .contains("+34600000201");
        assertThat(agent.get("/messages/" + id).body()).contains("id=\"message-status\"")
                .contains("Tu cita es mañana a las 10:00")
                .containsPattern("id=\"message-segments\"[^>]*>1 \\(GSM-7\\)<");

        await().atMost(PATIENCE).until(() -> agent.get("/messages/" + id + "/status").body()
                .contains("data-status=\"delivered\""));
        var block = agent.get("/messages/" + id + "/status");
        assertThat(block.body().strip()).startsWith("<section").doesNotContain("<html")
                .doesNotContain("hx-trigger").doesNotContain("hx-get").contains("data-status=\"sent\"");

        assertThat(agent.get("/messages?status=delivered").body()).contains("href=\"/messages/" + id + "\"");
        assertThat(agent.get("/messages?direction=inbound").body()).doesNotContain("href=\"/messages/" + id + "\"");
        assertThat(agent.get("/messages?contact=ct_zzzzzz").body()).contains("No message matches these filters")
                .doesNotContain("class=\"message-row\"");
        assertThat(agent.get("/messages?status=bogus").status()).isEqualTo(422);

        // a later page keeps the filters in its way back to the first one
        String pastEverything = PageRequest.of(1, null).page(List.of(Long.MAX_VALUE - 1, 1L), row -> row).nextCursor();
        assertThat(agent.get("/messages?status=delivered&cursor=" + pastEverything).body())
                .contains("id=\"first-page\" href=\"/messages?status=delivered&amp;")
                .contains("href=\"/messages/" + id + "\"").doesNotContain("id=\"next-page\"");
    }

    @Test
    void aScheduledMessagePollsAndCanBeCanceledOnce() {
        String id = send("+34600000202", "Recordatorio", Instant.now().plus(Duration.ofDays(1)));
        assertThat(admin.get("/messages/" + id + "/status").body()).contains("data-status=\"scheduled\"")
                .contains("hx-trigger=\"every 1s\"").contains("id=\"cancel-form\"");

        var canceled = admin.post("/messages/" + id + "/cancel", Map.of());
        assertThat(canceled.status()).isEqualTo(302);
        assertThat(canceled.location()).endsWith("/messages/" + id);
        assertThat(admin.get("/messages/" + id).body()).contains("Message canceled").contains("data-status=\"canceled\"")
                .doesNotContain("id=\"cancel-form\"").doesNotContain("hx-trigger");

        admin.post("/messages/" + id + "/cancel", Map.of());
        assertThat(admin.get("/messages/" + id).body()).contains("id=\"cancel-refused\"");
    }

    @Test
    void anotherWorkspacesMessageIsNotFound() {
        var api = new ApiClient(port);
        String otherKey = api.newWorkspace("Someone else's shop");
        var sent = api.post("/v1/messages", otherKey, "{\"to\":\"+34600000203\",\"body\":\"Solo para ellos\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String id = sent.text("id");

        var page = admin.get("/messages/" + id);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("id=\"error-page\"").doesNotContain("Solo para ellos");
        assertThat(admin.get("/messages/" + id + "/status").status()).isEqualTo(404);
        assertThat(admin.post("/messages/" + id + "/cancel", Map.of()).status()).isEqualTo(404);
        assertThat(admin.get("/messages/not-an-id").status()).isEqualTo(404);
        assertThat(admin.get("/messages?contact=" + sent.text("contact_id")).body())
                .doesNotContain("class=\"message-row\"");
    }

    @Test
    void theSendFormSendsOnceAndExplainsRefusalsInTheReadersWords() {
        var ok = Map.of("to", "+34 600 000 204", "body", "Su pedido está listo", "purpose", "transactional",
                "idempotencyKey", "console-test-once");
        var first = admin.post("/messages", ok);
        assertThat(first.status()).isEqualTo(302);
        assertThat(first.location()).matches(".*/messages/msg_[0-9a-z]+$");
        // the same form posted twice (a double click) is the same message
        assertThat(admin.post("/messages", ok).location()).isEqualTo(first.location());

        var badNumber = admin.post("/messages", Map.of("to", "12345", "body", "Hola", "purpose", "transactional"));
        assertThat(badNumber.status()).isEqualTo(422);
        assertThat(badNumber.body()).contains("data-code=\"invalid_destination\"").contains("id=\"error-to\"")
                .contains("not a phone number we can send an SMS to");
        var noConsent = admin.post("/messages", Map.of("to", "+34600000205", "body", "Rebajas", "purpose", "marketing"));
        assertThat(noConsent.body()).contains("data-code=\"consent_missing\"").contains("has not agreed");
        try {
            var noBody = admin.language("es").post("/messages",
                    Map.of("to", "+34600000205", "body", "", "purpose", "transactional"));
            assertThat(noBody.body()).contains("data-code=\"validation_failed\"").contains("id=\"error-body\"")
                    .contains("Revisa los campos marcados");
        } finally {
            admin.language("en");
        }

        long broke = workspaces.create(new NewWorkspace("Sin saldo", "ES", "es", "Europe/Madrid", "EUR",
                BigDecimal.ZERO, null, null), false).workspace().id();
        TestUsers.createAgent(jdbc, passwords, broke, "broke@test.local", "agent-password-3");
        var poor = new ConsoleSession(port);
        poor.login("broke@test.local", "agent-password-3");
        var refused = poor.post("/messages", Map.of("to", "+34600000206", "body", "Hola", "purpose", "transactional"));
        assertThat(refused.body()).contains("data-code=\"insufficient_balance\"").contains("does not cover this message");
    }

    @Test
    void sendersAndBalancePagesShowTheWorkspacesOwn() {
        await().atMost(PATIENCE).until(() -> agent.get("/senders/table").body().contains("data-status=\"connected\""));
        var table = agent.get("/senders/table");
        assertThat(table.body().strip()).startsWith("<div").contains("hx-trigger=\"every 2s\"").contains("Sandbox SMS")
                .doesNotContain("<html");
        assertThat(agent.get("/senders").body()).contains("id=\"senders-table\"").contains("id=\"nav-senders\"");

        var billing = agent.get("/billing");
        assertThat(billing.status()).isEqualTo(200);
        assertThat(billing.body()).contains("id=\"balance-available\"").contains("data-kind=\"trial\"");
    }

    @Test
    void thePhoneTakesNumbersAsPeopleWriteThemAndRefusesEmptyReplies() {
        var phone = admin.get("/phone");
        assertThat(phone.body()).contains("id=\"phone-messages\"").contains("value=\"+34600000001\"")
                .contains("hx-trigger=\"every 1s\"");
        assertThat(admin.get("/phone?number=600%20000%20207").body()).contains("id=\"phone-number\">+34600000207<");
        assertThat(admin.get("/phone/messages?number=%2B34600000207").body().strip()).startsWith("<div")
                .contains("Nothing received yet");

        var empty = admin.post("/phone/reply", Map.of("number", "+34600000207", "text", " "));
        assertThat(empty.location()).contains("/phone?number=%2B34600000207");
        assertThat(admin.get("/phone?number=%2B34600000207").body()).contains("id=\"phone-reply-error\"");
        admin.post("/phone/reply", Map.of("number", "hello", "text", "Hola"));
        assertThat(admin.get("/phone?number=hello").body()).contains("id=\"phone-reply-error\"")
                .contains("That is not a phone number").doesNotContain("hx-trigger");
    }

    @Test
    void thePhoneRefusesBadTapsAndEmailRepliesAndChangesNothing() {
        long inbound = jdbc.sql("select count(*) from messages where direction = 'inbound'").query(Long.class).single();
        assertThat(admin.get("/phone?channel=fax").body()).contains("data-channel=\"sms\"");
        assertThat(admin.get("/phone/messages?channel=whatsapp&number=%2B34600000208").body())
                .contains("Nothing received yet").contains("hx-get=\"/phone/messages?channel=whatsapp&amp;number=%2B34600000208");

        admin.post("/phone/reply", Map.of("number", "+34600000208", "text", "Sí", "tap", "ok"));
        assertThat(admin.get("/phone?number=%2B34600000208").body()).contains("Write a reply of up to 1600 characters");
        var longTap = admin.post("/phone/reply", Map.of("channel", "whatsapp", "number", "+34600000208", "text", "Sí",
                "tap", "x".repeat(257)));
        assertThat(longTap.location()).contains("channel=whatsapp");
        assertThat(admin.get(path(longTap.location())).body()).contains("Write a reply of up to 1600 characters");
        var badAddress = admin.post("/phone/reply", Map.of("channel", "email", "address", "ana at example", "text", "Hola",
                "open", "msg_1"));
        assertThat(admin.get(path(badAddress.location())).body()).contains("That is not an email address.");
        var notReceived = admin.post("/phone/reply", Map.of("channel", "email", "address", "ana@cliente.example",
                "text", "Hola", "open", "msg_999999"));
        assertThat(admin.get(path(notReceived.location())).body()).contains("the email is not in this inbox");
        assertThat(jdbc.sql("select count(*) from messages where direction = 'inbound'").query(Long.class).single())
                .isEqualTo(inbound);
    }

    @Test
    void thePhoneRefusesBadTelegramTapsStartLinksAndWebChatRepliesAndChangesNothing() {
        long inbound = jdbc.sql("select count(*) from messages where direction = 'inbound'").query(Long.class).single();
        long linked = jdbc.sql("select count(*) from contact_channel_ids where channel = 'telegram'").query(Long.class).single();
        assertThat(admin.get("/phone/messages?channel=telegram&chat=5550209").body())
                .contains("Nothing received yet").contains("hx-get=\"/phone/messages?channel=telegram");

        var badChat = admin.post("/phone/reply", Map.of("channel", "telegram", "chat", "@ana", "text", "Hola"));
        assertThat(admin.get(path(badChat.location())).body()).contains("That is not a Telegram chat id")
                .doesNotContain("hx-trigger");
        var longTap = admin.post("/phone/reply", Map.of("channel", "telegram", "chat", "5550209", "text", "Sí",
                "tap", "x".repeat(257)));
        assertThat(longTap.location()).contains("channel=telegram").contains("chat=5550209");
        assertThat(admin.get(path(longTap.location())).body()).contains("Write a reply of up to 1600 characters");
        var empty = admin.post("/phone/reply", Map.of("channel", "telegram", "chat", "5550209", "text", " "));
        assertThat(admin.get(path(empty.location())).body()).contains("Write a reply of up to 1600 characters");

        var notALink = admin.post("/phone/start", Map.of("chat", "5550209", "link", "https://evil.example/?start=<b>x</b>"));
        assertThat(admin.get(path(notALink.location())).body()).contains("Paste a deep link like");
        var noLink = admin.post("/phone/start", Map.of("chat", "5550209"));
        assertThat(admin.get(path(noLink.location())).body()).contains("Paste a deep link like");
        var startBadChat = admin.post("/phone/start", Map.of("chat", "1e9", "link", "AbCdEf0123456789"));
        assertThat(admin.get(path(startBadChat.location())).body()).contains("That is not a Telegram chat id");

        // the visitor writes in the widget itself: the phone's reply form takes nothing on web chat
        var webchat = admin.post("/phone/reply", Map.of("channel", "webchat", "text", "Hola"));
        assertThat(admin.get(path(webchat.location())).body()).contains("id=\"phone-reply-error\"")
                .contains("id=\"phone-webchat\"").doesNotContain("id=\"phone-reply-text\"");
        assertThat(admin.get("/phone/webchat").body()).contains("<script src=\"/webchat/wk_");

        assertThat(jdbc.sql("select count(*) from messages where direction = 'inbound'").query(Long.class).single())
                .isEqualTo(inbound);
        assertThat(jdbc.sql("select count(*) from contact_channel_ids where channel = 'telegram'").query(Long.class).single())
                .isEqualTo(linked);
    }

    private static String path(String location) {
        return location.substring(location.indexOf("/phone"));
    }

    private String send(String to, String body, Instant sendAt) {
        var draft = new MessageDraft(to, "sms", null, new Content.Text(body), "transactional", sendAt, null, null, null,
                null, false, false, null, null, null);
        var accepted = (Enqueued.Accepted) messages.send(workspaceId, draft);
        return PublicId.of("msg_", accepted.message().id());
    }
}
