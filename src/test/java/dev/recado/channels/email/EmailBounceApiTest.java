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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bounces read from the sender's bounce mailbox over IMAP (GreenMail): a DSN with 5.x.x fails the
 * message it quotes and makes the address undeliverable; 4.x.x is counted; a DSN read twice counts once.
 */
@RecadoTest
class EmailBounceApiTest {

    @RegisterExtension
    static GreenMailExtension mail = EmailSenders.greenMail(ServerSetupTest.SMTP_IMAP);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    String sender;
    GreenMailUser bounces;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        key = api.newWorkspace("Email bounces " + System.nanoTime());
        String login = "bounces" + System.nanoTime();
        bounces = mail.getUserManager().createUser(login + "@tienda.example", login, "b0unce-pw");
        sender = EmailSenders.shop(api, key, mail, """
                ,"imap_host":"127.0.0.1","imap_port":%d,"imap_tls":"none","imap_username":"%s",
                 "imap_password":"b0unce-pw\"""".formatted(mail.getImap().getPort(), login));
    }

    @Test
    void aHardBounceFailsTheMessageAndRefusesTheAddressAfterwards() throws Exception {
        String to = "ana" + System.nanoTime() + "@cliente.example";
        String id = sentTo(to);
        String dsn = MailReports.dsn(bounces.getEmail(), to, messageIdReceivedBy(to), "failed", "5.1.1",
                "550 5.1.1 <" + to + ">: Recipient address rejected: User unknown");
        bounces.deliver(GreenMailUtil.newMimeMessage(dsn));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + id, key).text("status")).isEqualTo("undelivered"));
        var message = api.get("/v1/messages/" + id, key);
        assertThat(message.text("error_code")).isEqualTo("undelivered:5.1.1");
        assertThat(message.text("error_text")).contains("User unknown");

        var again = api.post("/v1/messages", key, """
                {"to":"%s","channel":"email","subject":"Otra","body":"Hola"}""".formatted(to.toUpperCase()));
        assertThat(again.status()).as(again.body()).isEqualTo(422);
        assertThat(again.text("code")).isEqualTo("email_undeliverable");
        assertThat(again.body()).contains("5.1.1");
        // another address of the workspace still goes out
        assertThat(api.post("/v1/messages", key, """
                {"to":"otra%d@cliente.example","channel":"email","subject":"Otra","body":"Hola"}"""
                .formatted(System.nanoTime())).status()).isEqualTo(202);
        // the same address in another workspace is not affected
        String otherKey = api.newWorkspace("Other " + System.nanoTime());
        EmailSenders.shop(api, otherKey, mail, "");
        assertThat(api.post("/v1/messages", otherKey, """
                {"to":"%s","channel":"email","subject":"Hola","body":"Hola"}""".formatted(to)).status()).isEqualTo(202);
    }

    @Test
    void aSoftBounceIsCountedOnceAndTheMessageStaysSent() throws Exception {
        String to = "leo" + System.nanoTime() + "@cliente.example";
        String id = sentTo(to);
        String dsn = MailReports.dsn(bounces.getEmail(), to, messageIdReceivedBy(to), "delayed", "4.2.2",
                "452 4.2.2 <" + to + ">: Mailbox full");
        bounces.deliver(GreenMailUtil.newMimeMessage(dsn));
        // the same report delivered twice (a relay retried) still counts once
        bounces.deliver(GreenMailUtil.newMimeMessage(dsn));

        long senderId = Long.parseLong(sender.substring(4), 36);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(jdbc.sql("select last_uid from email_mailboxes where sender_id = :s")
                        .param("s", senderId).query(Long.class).single()).isEqualTo(2L));
        assertThat(jdbc.sql("select soft_bounces from destination_health where address = :a")
                .param("a", to).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from message_feedback where message_id = :m and kind = 'soft_bounce'")
                .param("m", Long.parseLong(id.substring(4), 36)).query(Integer.class).single()).isEqualTo(1);
        assertThat(api.get("/v1/messages/" + id, key).text("status")).isEqualTo("sent");
        assertThat(api.post("/v1/messages", key, """
                {"to":"%s","channel":"email","subject":"Otra","body":"Hola"}""".formatted(to)).status()).isEqualTo(202);
    }

    @Test
    void aCampaignShowsItsBounceAndComplaintRates() throws Exception {
        String tag = "news" + System.nanoTime();
        String bounced = "rosa" + System.nanoTime() + "@cliente.example";
        String complaining = "luis" + System.nanoTime() + "@cliente.example";
        for (String address : new String[] {bounced, complaining}) {
            var contact = api.post("/v1/contacts", key, """
                    {"email":"%s","tags":["%s"]}""".formatted(address, tag));
            assertThat(contact.status()).as(contact.body()).isEqualTo(201);
            assertThat(api.post("/v1/contacts/" + contact.text("id") + "/consents", key, """
                    {"channel":"email","purpose":"marketing","status":"opted_in","source":"import","evidence":"Imported list, opted in at the shop"}""")
                    .status()).isEqualTo(201);
        }
        String segment = api.post("/v1/segments", key, """
                {"name":"n","conditions":[{"field":"tag","op":"has","value":"%s"}]}""".formatted(tag)).text("id");
        String template = api.post("/v1/templates", key, """
                {"name":"t","purpose":"marketing","variants":[{"channel":"email","language":"es","subject":"Rebajas",
                 "html":"<p>Rebajas</p>","text":"Rebajas"}]}""").text("id");
        var created = api.post("/v1/campaigns", key, """
                {"name":"c","segment_id":"%s","template_id":"%s","channel":"email"}""".formatted(segment, template));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String campaign = created.text("id");
        assertThat(api.post("/v1/campaigns/" + campaign + "/start", key, "").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var c = api.get("/v1/campaigns/" + campaign, key);
            assertThat(c.json().get("stats").get("sent").asLong()).as(c.body()).isEqualTo(2);
        });
        var before = api.get("/v1/campaigns/" + campaign, key).json().get("stats");
        assertThat(before.get("bounced").asLong()).isZero();
        assertThat(before.get("complaint_rate").decimalValue()).isZero();

        bounces.deliver(GreenMailUtil.newMimeMessage(MailReports.dsn(bounces.getEmail(), bounced,
                messageIdReceivedBy(bounced), "failed", "5.1.2", "550 5.1.2 Bad destination mailbox address")));
        bounces.deliver(GreenMailUtil.newMimeMessage(MailReports.complaint(bounces.getEmail(), complaining,
                messageIdReceivedBy(complaining))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var stats = api.get("/v1/campaigns/" + campaign, key).json().get("stats");
            assertThat(stats.get("bounced").asLong()).isEqualTo(1);
            assertThat(stats.get("complained").asLong()).isEqualTo(1);
            assertThat(stats.get("bounce_rate").decimalValue()).isEqualByComparingTo("0.5");
            assertThat(stats.get("complaint_rate").decimalValue()).isEqualByComparingTo("0.5");
        });
        var stats = api.get("/v1/campaigns/" + campaign, key).json().get("stats");
        assertThat(stats.get("undelivered").asLong()).as("the hard bounce moved the message too").isEqualTo(1);
        assertThat(stats.get("soft_bounced").asLong()).isZero();
    }

    @Test
    void theImapPasswordIsNeitherReturnedNorStoredInClear() {
        assertThat(api.get("/v1/senders/" + sender, key).body()).doesNotContain("b0unce-pw").contains("imap_host");
        String stored = jdbc.sql("select settings from senders where id = :id")
                .param("id", Long.parseLong(sender.substring(4), 36)).query(String.class).single();
        assertThat(stored).doesNotContain("b0unce-pw").contains("imap_username");
    }

    private String sentTo(String to) {
        var sent = api.post("/v1/messages", key, """
                {"to":"%s","channel":"email","subject":"Aviso","body":"Su pedido sale hoy"}""".formatted(to));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + sent.text("id"), key).text("status")).isEqualTo("sent"));
        return sent.text("id");
    }

    private static String messageIdReceivedBy(String to) throws Exception {
        return EmailSenders.receivedBy(mail, to).getMessageID();
    }
}
