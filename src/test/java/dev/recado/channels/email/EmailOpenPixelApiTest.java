package dev.recado.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Marketing HTML emails carry a per-message open pixel; fetching it records the open, without a key. */
@RecadoTest
class EmailOpenPixelApiTest {

    @RegisterExtension
    static GreenMailExtension smtp = EmailSenders.greenMail(ServerSetupTest.SMTP);

    @LocalServerPort
    int port;
    ApiClient api;
    String key;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Email opens " + System.nanoTime());
        EmailSenders.shop(api, key, smtp, "");
    }

    @Test
    void fetchingThePixelRecordsTheFirstOpenAndCountsTheRest() throws Exception {
        String to = "eva" + System.nanoTime() + "@cliente.example";
        String contact = api.post("/v1/contacts", key, "{\"email\":\"" + to + "\"}").text("id");
        assertThat(api.post("/v1/contacts/" + contact + "/consents", key, """
                {"channel":"email","purpose":"marketing","status":"opted_in","source":"import","evidence":"Imported list"}""")
                .status()).isEqualTo(201);
        String id = sent("""
                {"to":"%s","channel":"email","purpose":"marketing","subject":"Rebajas",
                 "html":"<html><body><p>-20%%</p></body></html>","body":"-20%%"}""".formatted(to));
        String html = htmlReceivedBy(to);
        int at = html.indexOf("/o/");
        assertThat(at).as(html).isPositive();
        String path = html.substring(at, html.indexOf('"', at));
        assertThat(path).endsWith(".gif");
        assertThat(html).as("the pixel goes inside the body").contains(".gif\" width=\"1\" height=\"1\"").endsWith("</body></html>");
        assertThat(api.get("/v1/messages/" + id, key).json().has("opened_at")).isFalse();

        var first = pixel(path);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(new String(first.body(), 0, 6)).isEqualTo("GIF89a");
        var opened = api.get("/v1/messages/" + id, key).json();
        Instant firstOpen = Instant.parse(opened.get("opened_at").asString());
        assertThat(opened.get("opens").asInt()).isEqualTo(1);
        assertThat(opened.get("status").asString()).isEqualTo("sent");

        assertThat(pixel(path).statusCode()).isEqualTo(200);
        var again = api.get("/v1/messages/" + id, key).json();
        assertThat(again.get("opens").asInt()).isEqualTo(2);
        assertThat(Instant.parse(again.get("opened_at").asString())).isEqualTo(firstOpen);

        String token = path.substring(3, path.length() - 4);
        char flipped = token.charAt(token.length() - 2) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, token.length() - 2) + flipped + token.charAt(token.length() - 1);
        assertThat(pixel("/o/" + tampered + ".gif").statusCode()).isEqualTo(404);
        assertThat(pixel("/o/AAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.gif").statusCode()).isEqualTo(404);
        assertThat(pixel("/o/not-base64!.gif").statusCode()).isEqualTo(404);
        assertThat(api.get("/v1/messages/" + id, key).json().get("opens").asInt()).isEqualTo(2);
    }

    @Test
    void transactionalEmailsCarryNoPixel() throws Exception {
        String to = "gil" + System.nanoTime() + "@cliente.example";
        sent("""
                {"to":"%s","channel":"email","subject":"Factura","html":"<p>Su factura</p>"}""".formatted(to));
        assertThat(htmlReceivedBy(to)).isEqualTo("<p>Su factura</p>");
    }

    private String sent(String json) {
        var sent = api.post("/v1/messages", key, json);
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + sent.text("id"), key).text("status")).isEqualTo("sent"));
        return sent.text("id");
    }

    private HttpResponse<byte[]> pixel(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String htmlReceivedBy(String to) throws Exception {
        Object content = EmailSenders.receivedBy(smtp, to).getContent();
        if (content instanceof MimeMultipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType("text/html")) {
                    return parts.getBodyPart(i).getContent().toString();
                }
            }
        }
        return content.toString();
    }
}
