package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.RecadoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * WhatsApp is charged when Meta says a message arrived: accepted by the Graph it stays reserved, a
 * delivered (or read) status charges it once however often it comes, a failed one gives the
 * reservation back and writes no ledger line.
 */
@RecadoTest
class WhatsAppChargeOnDeliveryApiTest extends WhatsAppTestBase {

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
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from provider_events where sender_id = :s and processed_at is null")
                .param("s", wa.senderId()).query(Long.class).single() == 0
                && jdbc.sql("select count(*) from receipt_inbox").query(Long.class).single() == 0);
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
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from provider_events where sender_id = :s and processed_at is null")
                .param("s", wa.senderId()).query(Long.class).single() == 0
                && jdbc.sql("select count(*) from receipt_inbox").query(Long.class).single() == 0);
        assertThat(ledgerLinesFor(sent[0])).isEmpty();
        assertThat(money(balance(), "balance")).isEqualByComparingTo(money(before, "balance"));
    }
}
