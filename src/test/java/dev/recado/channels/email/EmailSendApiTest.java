package dev.recado.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Email through POST /v1/messages to a real SMTP server in process (GreenMail), checked as received. */
@RecadoTest
class EmailSendApiTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("news@tienda.example", "tienda", "s3cret-pw"))
            .withPerMethodLifecycle(false);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    String sender;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Email " + System.nanoTime());
        sender = EmailSenders.connected(api, key, """
                {"channel":"email","name":"Tienda mail","smtp_host":"127.0.0.1","smtp_port":%d,"tls":"none",
                 "username":"tienda","password":"s3cret-pw","from_address":"news@tienda.example",
                 "from_name":"Tienda Ñandú","reply_to":"ayuda@tienda.example"}""".formatted(smtp.getSmtp().getPort()));
    }

    @Test
    void htmlAndTextGoOutAsAlternativesAndTheMessageEndsSent() throws Exception {
        String to = "ana" + System.nanoTime() + "@cliente.example";
        var sent = api.post("/v1/messages", key, """
                {"to":"%s","channel":"email","subject":"Tu pedido está en camino ✓",
                 "html":"<p>Hola <b>Ana</b></p>","body":"Hola Ana"}""".formatted(to));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.text("channel")).isEqualTo("email");
        assertThat(sent.json().get("segments").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + sent.text("id"), key).text("status")).isEqualTo("sent"));

        MimeMessage received = receivedBy(to).get(0);
        assertThat(received.getHeader("From")[0]).contains("news@tienda.example");
        assertThat(((jakarta.mail.internet.InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("Tienda Ñandú");
        assertThat(received.getReplyTo()[0].toString()).isEqualTo("ayuda@tienda.example");
        assertThat(received.getSubject()).isEqualTo("Tu pedido está en camino ✓");
        assertThat(received.getMessageID()).startsWith("<" + sent.text("id") + ".").endsWith("@tienda.example>");
        // a transactional email offers no unsubscribe
        assertThat(received.getHeader("List-Unsubscribe")).isNull();
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(0).getContent().toString()).isEqualTo("Hola Ana");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(parts.getBodyPart(1).getContent().toString()).isEqualTo("<p>Hola <b>Ana</b></p>");
        // the Message-ID we generated is the provider id the engine recorded
        long id = Long.parseLong(sent.text("id").substring(4), 36);
        assertThat(jdbc.sql("select message_id from message_parts where provider_id = :p")
                .param("p", received.getMessageID()).query(Long.class).single()).isEqualTo(id);
    }

    @Test
    void marketingCarriesListUnsubscribe() throws Exception {
        String to = "leo" + System.nanoTime() + "@cliente.example";
        String contact = api.post("/v1/contacts", key, "{\"email\":\"" + to + "\"}").text("id");
        var consent = api.post("/v1/contacts/" + contact + "/consents", key,
                "{\"channel\":\"email\",\"purpose\":\"marketing\",\"status\":\"opted_in\",\"source\":\"import\",\"evidence\":\"Imported list, opted in at the shop\"}");
        assertThat(consent.status()).as(consent.body()).isBetween(200, 201);
        var sent = api.post("/v1/messages", key, """
                {"to":"%s","channel":"email","purpose":"marketing","subject":"Rebajas","html":"<h1>-20%%</h1>"}""".formatted(to));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + sent.text("id"), key).text("status")).isEqualTo("sent"));

        MimeMessage received = receivedBy(to).get(0);
        assertThat(received.getHeader("List-Unsubscribe")[0])
                .isEqualTo("<mailto:news@tienda.example?subject=unsubscribe%20" + sent.text("id") + ">");
        assertThat(received.getContentType()).startsWith("text/html");
    }

    @Test
    void thePasswordIsNeitherReturnedNorStoredInClear() {
        assertThat(api.get("/v1/senders/" + sender, key).body()).doesNotContain("s3cret-pw").contains("smtp_host");
        String stored = jdbc.sql("select settings from senders where id = :id")
                .param("id", Long.parseLong(sender.substring(4), 36)).query(String.class).single();
        assertThat(stored).doesNotContain("s3cret-pw").contains("news@tienda.example");
    }

    @Test
    void emailContentOnAnotherChannelAndAttachmentsNotByHttpAreRefused() {
        var attachment = api.post("/v1/messages", key, """
                {"to":"eva@cliente.example","channel":"email","subject":"Factura","body":"Adjunta",
                 "attachments":[{"filename":"f.pdf","content_type":"application/pdf","url":"file:///etc/passwd"}]}""");
        assertThat(attachment.status()).isEqualTo(422);
        assertThat(attachment.json().get("errors").findValuesAsString("field")).containsExactly("attachments[0].url");
        var text = api.post("/v1/messages", key, "{\"to\":\"eva@cliente.example\",\"channel\":\"email\",\"body\":\"hola\"}");
        assertThat(text.status()).isEqualTo(422);
    }

    private static List<MimeMessage> receivedBy(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(to);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
