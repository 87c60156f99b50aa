package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.Db;
import dev.recado.common.PruningJob;
import dev.recado.common.PublicId;
import dev.recado.support.RecadoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import tools.jackson.databind.JsonNode;

/**
 * WhatsApp is charged when Meta says a message arrived: accepted by the Graph it stays reserved, a
 * delivered (or read) status charges it once however often it comes, a failed one gives the
 * reservation back and writes no ledger line. One Meta never reports gives its reservation back
 * after a week, uncharged, and a status coming after that charges nothing.
 */
@RecadoTest
class WhatsAppChargeOnDeliveryApiTest extends WhatsAppTestBase {

    @Autowired
    @Qualifier("unreportedReleases")
    PruningJob unreportedReleases;

    @Override
    String templates() {
        return """
                {"name":"spring_sale","language":"es","category":"MARKETING","status":"APPROVED","id":"1"}""";
    }

    @BeforeEach
    void synced() {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from provider_templates where sender_id = :s")
                .param("s", wa.senderId()).query(Long.class).single() == 1);
    }

    private JsonNode balance() {
        return wa.api.get("/v1/billing/balance", wa.key).json();
    }

    private List<JsonNode> ledgerLinesFor(String messageId) {
        List<JsonNode> lines = new java.util.ArrayList<>();
        wa.api.get("/v1/billing/ledger?limit=100", wa.key).json().path("data").forEach(l -> {
            if (messageId.equals(l.path("reference").asString(null)) || l.path("description").asString("").contains(messageId)) {
                lines.add(l);
            }
        });
        return lines;
    }

    /** A marketing template accepted by the Graph: its id and wamid, once it is 'sent'. */
    private String[] sentTemplate(String customer) {
        var r = wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"whatsapp\",\"template\":{\"name\":\"spring_sale\",\"language\":\"es\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().path("price").decimalValue()).isEqualByComparingTo("0.06");
        String id = r.text("id");
        wa.awaitStatus(id, "sent");
        return new String[] {id, wa.api.get("/v1/messages/" + id, wa.key).text("provider_id")};
    }

    /** The same status as Meta also sends it, with its pricing object: another event body. */
    private static String withPricing(String status) {
        return status.replace("\"recipient_id\"", "\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\","
                + "\"category\":\"marketing\"},\"recipient_id\"");
    }

    /** Every status posted so far is processed and applied. */
    private void awaitStatusesApplied() {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from provider_events where sender_id = :s and processed_at is null")
                .param("s", wa.senderId()).query(Long.class).single() == 0
                && jdbc.sql("select count(*) from receipt_inbox").query(Long.class).single() == 0);
    }

    private static BigDecimal money(JsonNode node, String field) {
        return node.path(field).decimalValue();
    }

    @Test
    void aDeliveredMessageIsChargedOnceHoweverOftenItsReceiptComes() {
        String customer = WhatsAppFixture.newCustomer();
        var before = balance();
        String[] sent = sentTemplate(customer);
        // accepted by the Graph: still reserved, nothing charged
        var accepted = balance();
        assertThat(money(accepted, "balance")).isEqualByComparingTo(money(before, "balance"));
        assertThat(money(accepted, "reserved")).isEqualByComparingTo(money(before, "reserved").add(new BigDecimal("0.06")));
        assertThat(ledgerLinesFor(sent[0])).isEmpty();

        assertThat(wa.post(wa.status(sent[1], "delivered", customer, null)).statusCode()).isEqualTo(200);
        wa.awaitStatus(sent[0], "delivered");
        await().atMost(Duration.ofSeconds(20)).until(() -> ledgerLinesFor(sent[0]).size() == 1);
        var line = ledgerLinesFor(sent[0]).getFirst();
        assertThat(line.path("amount").decimalValue()).isEqualByComparingTo("-0.06");
        var charged = balance();
        assertThat(money(charged, "balance")).isEqualByComparingTo(money(before, "balance").subtract(new BigDecimal("0.06")));
        assertThat(money(charged, "reserved")).isEqualByComparingTo(money(before, "reserved"));

        // the same receipt again in another envelope (not a duplicate event), then read: no second charge
        String again = withPricing(wa.status(sent[1], "delivered", customer, null));
        assertThat(wa.post(again).body()).contains("\"duplicate\":false");
        assertThat(wa.post(wa.status(sent[1], "read", customer, null)).statusCode()).isEqualTo(200);
        wa.awaitStatus(sent[0], "read");
        awaitStatusesApplied();
        assertThat(ledgerLinesFor(sent[0])).hasSize(1);
        assertThat(money(balance(), "balance")).isEqualByComparingTo(money(charged, "balance"));
        assertThat(money(balance(), "reserved")).isEqualByComparingTo(money(charged, "reserved"));
    }

    @Test
    void aMessageReadWithoutADeliveredStatusIsCharged() {
        String customer = WhatsAppFixture.newCustomer();
        var before = balance();
        String[] sent = sentTemplate(customer);
        assertThat(wa.post(wa.status(sent[1], "read", customer, null)).statusCode()).isEqualTo(200);
        wa.awaitStatus(sent[0], "read");
        await().atMost(Duration.ofSeconds(20)).until(() -> ledgerLinesFor(sent[0]).size() == 1);
        assertThat(money(balance(), "balance")).isEqualByComparingTo(money(before, "balance").subtract(new BigDecimal("0.06")));
    }

    @Test
    void aFailedMessageIsNotChargedAndItsReservationComesBack() {
        String customer = WhatsAppFixture.newCustomer();
        var before = balance();
        String[] sent = sentTemplate(customer);
        assertThat(wa.post(wa.status(sent[1], "failed", customer,
                "[{\"code\":131026,\"title\":\"Message undeliverable\"}]")).statusCode()).isEqualTo(200);
        wa.awaitStatus(sent[0], "undelivered");
        await().atMost(Duration.ofSeconds(20)).until(() -> money(balance(), "reserved").compareTo(money(before, "reserved")) == 0);
        assertThat(money(balance(), "balance")).isEqualByComparingTo(money(before, "balance"));
        // a late delivered status cannot charge what failed
        assertThat(wa.post(withPricing(wa.status(sent[1], "delivered", customer, null)))
                .statusCode()).isEqualTo(200);
        awaitStatusesApplied();
        assertThat(ledgerLinesFor(sent[0])).isEmpty();
        assertThat(money(balance(), "balance")).isEqualByComparingTo(money(before, "balance"));
    }

    @Test
    void aMessageNeverReportedGivesItsReservationBackOnceAndALaterStatusChargesNothing() {
        String customer = WhatsAppFixture.newCustomer();
        var before = balance();
        String[] sent = sentTemplate(customer);
        String[] recent = sentTemplate(WhatsAppFixture.newCustomer());
        long id = PublicId.parse("msg_", sent[0]).orElseThrow();
        // sent a month ago; the other one just now, still inside the week
        jdbc.sql("update messages set sent_at = :t where id = :id").param("id", id)
                .param("t", Db.ts(Instant.now().minus(Duration.ofDays(30)))).update();

        // two days ahead, so the job is due whatever the server's own daily run did
        Instant at = Instant.now().plus(Duration.ofDays(2));
        AtomicLong released = new AtomicLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            released.set(unreportedReleases.prune("node-a", at, 1000));
            return released.get() >= 0;
        });
        assertThat(released.get()).isEqualTo(1);
        var afterRelease = balance();
        // only the recent message still holds money; nothing was charged
        assertThat(money(afterRelease, "reserved")).isEqualByComparingTo(money(before, "reserved").add(new BigDecimal("0.06")));
        assertThat(money(afterRelease, "balance")).isEqualByComparingTo(money(before, "balance"));
        var message = wa.api.get("/v1/messages/" + sent[0], wa.key).json();
        assertThat(message.path("status").asString()).isEqualTo("sent");
        assertThat(message.path("error_code").asString()).isEqualTo("unreported_not_charged");
        assertThat(message.path("error_text").asString()).contains("7 days");
        assertThat(ledgerLinesFor(sent[0])).isEmpty();
        var untouched = wa.api.get("/v1/messages/" + recent[0], wa.key).json().path("error_code");
        assertThat(untouched.isNull() || untouched.isMissingNode()).as(untouched.toString()).isTrue();

        // the next run finds nothing more to give back
        assertThat(unreportedReleases.prune("node-b", at.plus(Duration.ofDays(1)), 1000)).isZero();
        assertThat(money(balance(), "reserved")).isEqualByComparingTo(money(afterRelease, "reserved"));

        // Meta reports it after all: the message moves on, still uncharged
        assertThat(wa.post(wa.status(sent[1], "delivered", customer, null)).statusCode()).isEqualTo(200);
        wa.awaitStatus(sent[0], "delivered");
        awaitStatusesApplied();
        assertThat(ledgerLinesFor(sent[0])).isEmpty();
        assertThat(money(balance(), "balance")).isEqualByComparingTo(money(before, "balance"));
        assertThat(money(balance(), "reserved")).isEqualByComparingTo(money(afterRelease, "reserved"));
    }
}
