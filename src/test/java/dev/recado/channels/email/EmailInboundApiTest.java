package dev.recado.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Customers' replies read from the sender's inbound folder over IMAP (GreenMail) become inbound
 * messages of the contact with that From address, threaded to the outbound message they answer.
 */
@RecadoTest
class EmailInboundApiTest {

    @RegisterExtension
    static GreenMailExtension mail = EmailSenders.greenMail(ServerSetupTest.SMTP_IMAP);

    @LocalServerPort
    int port;
    ApiClient api;
    String key;
    GreenMailUser replies;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        key = api.newWorkspace("Email replies " + System.nanoTime());
        String login = "hola" + System.nanoTime();
        replies = mail.getUserManager().createUser(login + "@tienda.example", login, "r3ply-pw");
        // one folder for both: reports are told apart from replies by their content type
        EmailSenders.shop(api, key, mail, """
                ,"reply_to":"%s","imap_host":"127.0.0.1","imap_port":%d,"imap_tls":"none","imap_username":"%s",
                 "imap_password":"r3ply-pw","inbound_folder":"INBOX\"""".formatted(replies.getEmail(), mail.getImap().getPort(), login));
    }

    @Test
    void aReplyIsAnInboundMessageOfTheContactThreadedToWhatItAnswers() throws Exception {
        String marta = "marta" + System.nanoTime() + "@cliente.example";
        var sent = api.post("/v1/messages", key, """
                {"to":"%s","channel":"email","subject":"Su cita","body":"¿Confirma su cita del lunes?"}""".formatted(marta));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String outbound = sent.text("id");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + outbound, key).text("status")).isEqualTo("sent"));
        String contact = api.get("/v1/messages/" + outbound, key).text("contact_id");
        String ours = EmailSenders.receivedBy(mail, marta).getMessageID();

        // a client quoting a foreign id first and ours further back in References still threads to ours
        String reply = reply("Marta <" + marta.toUpperCase() + ">", "<r1." + System.nanoTime() + "@cliente.example>",
                "<elsewhere@otro.example>", ours + " <elsewhere@otro.example>", "Sí, confirmo la cita.\r\n\r\n> ¿Confirma?");
        replies.deliver(GreenMailUtil.newMimeMessage(utf8(reply)));
        // the same reply again (the client resent it): stored once
        replies.deliver(GreenMailUtil.newMimeMessage(utf8(reply)));
        String stranger = "nuevo" + System.nanoTime() + "@otro.example";
        replies.deliver(GreenMailUtil.newMimeMessage(utf8(reply(stranger, "<r2." + System.nanoTime() + "@otro.example>",
                null, null, "Hola, ¿tienen tienda en Sevilla?"))));

        await().atMost(Duration.ofSeconds(20)).until(() -> !inbound("?contact=" + contactOf(stranger)).isEmpty());
        List<JsonNode> fromMarta = inbound("?contact=" + contact);
        assertThat(fromMarta).hasSize(1);
        var answer = api.get("/v1/messages/" + fromMarta.get(0).get("id").asString(), key).json();
        assertThat(answer.get("channel").asString()).isEqualTo("email");
        assertThat(answer.get("from").asString()).isEqualTo(marta);
        assertThat(answer.get("body").asString()).startsWith("Sí, confirmo la cita.");
        assertThat(answer.get("in_reply_to").asString()).isEqualTo(outbound);

        var unthreaded = inbound("?contact=" + contactOf(stranger));
        assertThat(unthreaded).hasSize(1);
        assertThat(unthreaded.get(0).has("in_reply_to")).isFalse();
        assertThat(unthreaded.get(0).get("body").asString()).isEqualTo("Hola, ¿tienen tienda en Sevilla?");
    }

    private static java.io.InputStream utf8(String raw) {
        return new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private String contactOf(String email) {
        var found = api.get("/v1/contacts?q=" + email, key).json().get("data");
        return found.isEmpty() ? "ct_none" : found.get(0).get("id").asString();
    }

    private List<JsonNode> inbound(String query) {
        List<JsonNode> found = new ArrayList<>();
        var page = api.get("/v1/messages" + query, key);
        if (page.status() != 200) {
            return found;
        }
        page.json().get("data").forEach(m -> {
            if (m.get("direction").asString().equals("inbound")) {
                found.add(m);
            }
        });
        return found;
    }

    private String reply(String from, String messageId, String inReplyTo, String references, String text) {
        return ("From: " + from + "\r\nTo: " + replies.getEmail() + "\r\nSubject: Re: Su cita\r\n"
                + "Date: Sun, 29 Nov 2026 21:30:00 +0000\r\nMessage-ID: " + messageId + "\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\n")
                + (references == null ? "" : "References: " + references + "\r\n")
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + text + "\r\n");
    }
}
