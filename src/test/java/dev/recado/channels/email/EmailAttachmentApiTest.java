package dev.recado.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Attachments by URL, fetched from a local HTTP server when the email is sent, and attached to it. */
@RecadoTest
class EmailAttachmentApiTest {

    @RegisterExtension
    static GreenMailExtension smtp = EmailSenders.greenMail(ServerSetupTest.SMTP);

    static final byte[] PDF = "%PDF-1.4\n% factura 2026-0042\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static HttpServer files;

    @LocalServerPort
    int port;
    ApiClient api;
    String key;

    @BeforeAll
    static void startFiles() throws Exception {
        files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/factura.pdf", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/pdf");
            exchange.sendResponseHeaders(200, PDF.length);
            exchange.getResponseBody().write(PDF);
            exchange.close();
        });
        files.createContext("/huge.bin", exchange -> {
            // the declared length alone is over the cap: refused before the body is read
            byte[] big = new byte[11 * 1024 * 1024];
            try (exchange) {
                exchange.sendResponseHeaders(200, big.length);
                exchange.getResponseBody().write(big);
            } catch (java.io.IOException clientWentAway) {
                // expected: the client stops reading
            }
        });
        files.createContext("/missing.pdf", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        files.start();
    }

    @AfterAll
    static void stopFiles() {
        files.stop(0);
    }

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Email attachments " + System.nanoTime());
        EmailSenders.shop(api, key, smtp, "");
    }

    @Test
    void aFetchedFileIsAttachedAfterTheBody() throws Exception {
        String to = "ana" + System.nanoTime() + "@cliente.example";
        String id = send(to, "[{\"filename\":\"factura-0042.pdf\",\"url\":\"" + url("/factura.pdf") + "\"}]");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + id, key).text("status")).isEqualTo("sent"));
        MimeMessage received = receivedBy(to);
        assertThat(received.getContentType()).startsWith("multipart/mixed");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContent().toString()).isEqualTo("Adjuntamos su factura");
        var file = parts.getBodyPart(1);
        assertThat(file.getFileName()).isEqualTo("factura-0042.pdf");
        assertThat(file.getContentType()).startsWith("application/pdf");
        assertThat(file.getDisposition()).isEqualTo("attachment");
        assertThat(file.getInputStream().readAllBytes()).isEqualTo(PDF);
    }

    @Test
    void aMissingOrOversizedFileFailsTheMessageWithItsOwnCode() {
        String missing = send("eva" + System.nanoTime() + "@cliente.example",
                "[{\"filename\":\"f.pdf\",\"url\":\"" + url("/missing.pdf") + "\"}]");
        String huge = send("gil" + System.nanoTime() + "@cliente.example",
                "[{\"filename\":\"big.bin\",\"content_type\":\"application/octet-stream\",\"url\":\"" + url("/huge.bin") + "\"}]");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(api.get("/v1/messages/" + missing, key).text("error_code")).isEqualTo("attachment_unavailable");
            assertThat(api.get("/v1/messages/" + huge, key).text("error_code")).isEqualTo("attachment_too_large");
        });
        assertThat(api.get("/v1/messages/" + missing, key).text("status")).isEqualTo("failed");
    }

    @Test
    void aMalformedListIsRefusedFieldByFieldAndStoresNothing() {
        var refused = api.post("/v1/messages", key, """
                {"to":"leo@cliente.example","channel":"email","subject":"Factura","body":"Adjunta",
                 "attachments":[{"filename":"ok.pdf","url":"%s"},{"filename":"../etc/passwd","url":"%s"},
                  {"filename":"x.pdf","content_type":"pdf","url":"ftp://files.example/x.pdf"}]}"""
                .formatted(url("/factura.pdf"), url("/factura.pdf")));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("errors").findValuesAsString("field"))
                .containsExactly("attachments[1].filename", "attachments[2].content_type", "attachments[2].url");
        assertThat(api.get("/v1/messages", key).json().get("data")).isEmpty();
    }

    private String send(String to, String attachments) {
        var sent = api.post("/v1/messages", key, """
                {"to":"%s","channel":"email","subject":"Factura","body":"Adjuntamos su factura","attachments":%s}"""
                .formatted(to, attachments));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        return sent.text("id");
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + files.getAddress().getPort() + path;
    }

    private static MimeMessage receivedBy(String to) throws Exception {
        return EmailSenders.receivedBy(smtp, to);
    }
}
