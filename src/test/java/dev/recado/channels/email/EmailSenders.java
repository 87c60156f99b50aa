package dev.recado.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.recado.support.ApiClient;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;

/** SMTP senders made through the API for the email tests, and the GreenMail server they send to. */
final class EmailSenders {

    private EmailSenders() {
    }

    /** Creates the sender and waits for its first login to the server, so it dispatches. */
    static String connected(ApiClient api, String key, String json) {
        var created = api.post("/v1/senders", key, json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String sender = created.text("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(api.get("/v1/senders/" + sender, key).text("status")));
        return sender;
    }

    /** A GreenMail server (shared by a class's tests) with the shop's SMTP account. */
    static GreenMailExtension greenMail(ServerSetup... setups) {
        return new GreenMailExtension(ServerSetup.dynamicPort(setups))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("news@tienda.example", "tienda", "s3cret-pw"))
                .withPerMethodLifecycle(false);
    }

    /** The shop's sender on that server, connected; {@code extra} adds settings (",\"k\":\"v\"..." or ""). */
    static String shop(ApiClient api, String key, GreenMailExtension mail, String extra) {
        return connected(api, key, """
                {"channel":"email","name":"Tienda mail","smtp_host":"127.0.0.1","smtp_port":%d,"tls":"none",
                 "username":"tienda","password":"s3cret-pw","from_address":"news@tienda.example"%s}"""
                .formatted(mail.getSmtp().getPort(), extra));
    }

    /** What {@code to} received through the server. */
    static MimeMessage receivedBy(GreenMailExtension mail, String to) throws Exception {
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(to)) {
                return m;
            }
        }
        throw new AssertionError("nothing received by " + to);
    }
}
