package dev.recado.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What the SMTP server's refusals do to a message: 5xx fails it with our code, 4xx is retried. */
@RecadoTest
class EmailRefusalApiTest {

    static final Set<String> deferredOnce = ConcurrentHashMap.newKeySet();
    static ScriptedSmtp smtp;

    @LocalServerPort
    int port;
    ApiClient api;
    String key;

    @BeforeAll
    static void startServer() throws IOException {
        smtp = new ScriptedSmtp(address -> {
            if (address.startsWith("nobody")) {
                return "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown";
            }
            if (address.startsWith("later") && deferredOnce.add(address)) {
                return "451 4.7.1 <" + address + ">: Greylisted, try again later";
            }
            return "250 2.1.5 OK";
        });
    }

    @AfterAll
    static void stopServer() throws IOException {
        smtp.close();
    }

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Email refusals " + System.nanoTime());
        EmailSenders.connected(api, key, """
                {"channel":"email","name":"Relay","smtp_host":"localhost","smtp_port":%d,"tls":"none",
                 "from_address":"avisos@tienda.example"}""".formatted(smtp.port()));
    }

    @Test
    void a550RejectionFailsTheMessageWithAStableCode() {
        String to = "nobody" + System.nanoTime() + "@cliente.example";
        String id = send(to);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + id, key).text("status")).isEqualTo("failed"));
        var message = api.get("/v1/messages/" + id, key);
        assertThat(message.text("error_code")).isEqualTo("smtp_rejected");
        assertThat(message.body()).contains("550 5.1.1");
        assertThat(smtp.recipientsAsked.stream().filter(to::equals)).hasSize(1);
    }

    @Test
    void a451DeferralIsRetriedUntilAccepted() {
        String to = "later" + System.nanoTime() + "@cliente.example";
        String id = send(to);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + id, key).text("status")).isEqualTo("sent"));
        assertThat(smtp.recipientsAsked.stream().filter(to::equals)).hasSize(2);
        assertThat(smtp.accepted.stream().filter(m -> m.contains("To: " + to))).hasSize(1);
    }

    private String send(String to) {
        var sent = api.post("/v1/messages", key, """
                {"to":"%s","channel":"email","subject":"Aviso","body":"Su cita es mañana"}""".formatted(to));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        return sent.text("id");
    }
}
