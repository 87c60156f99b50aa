package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.campaigns.SegmentManagement;
import dev.recado.campaigns.SegmentManagement.ChannelContent;
import dev.recado.campaigns.SegmentManagement.PassedOver;
import dev.recado.common.PublicId;
import dev.recado.messaging.internal.PriceList;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The review estimate routes each destination through the WhatsApp sender acceptance would pick
 * and judges the template as that sender holds it. Two WhatsApp Business numbers on local Graph
 * APIs: the default one holds {@code aviso} as an approved utility template and {@code oferta} as
 * approved marketing; a second, routed {@code +52}, holds {@code aviso} as marketing and
 * {@code oferta} still pending. Lia and Max are in Spain (Lia wrote, so her service window is
 * open), Noe in Mexico.
 */
@RecadoTest
class CampaignReviewSendersTest extends WhatsAppTestBase {

    static final List<SegmentManagement.Condition> AUDIENCE = List.of(new SegmentManagement.Condition("tag", "has", "senders"));

    @Autowired
    dev.recado.messaging.SenderDirectory senderDirectory;
    @Autowired
    SegmentManagement segments;
    @Autowired
    PriceList prices;

    GraphApiServer mexico;
    long workspaceId;
    String noe;
    String lia;

    @Override
    String templates() {
        return """
                {"name":"aviso","language":"es","category":"UTILITY","status":"APPROVED","id":"1"},
                {"name":"oferta","language":"es","category":"MARKETING","status":"APPROVED","id":"2"}""";
    }

    @BeforeAll
    void aSecondNumberForMexicoAndThreeCustomers() throws Exception {
        mexico = new GraphApiServer(String.valueOf(200_000_000_000L + System.nanoTime() % 1_000_000), WhatsAppFixture.TOKEN);
        mexico.templates = """
                {"name":"aviso","language":"es","category":"MARKETING","status":"APPROVED","id":"3"},
                {"name":"oferta","language":"es","category":"MARKETING","status":"PENDING","id":"4"}""";
        var created = wa.api.post("/v1/senders", wa.key, """
                {"channel":"whatsapp","name":"Tienda México","phone_number_id":"%s","business_account_id":"5647382910",
                 "access_token":"%s","app_secret":"%s","verify_token":"verify-me-456","api_base_url":"%s",
                 "prefixes":["+52"],"default":false}""".formatted(mexico.phoneNumberId, WhatsAppFixture.TOKEN,
                WhatsAppFixture.APP_SECRET, mexico.baseUrl()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String mexicoSender = created.text("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(
                wa.api.get("/v1/senders/" + mexicoSender, wa.key).text("status")));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from provider_templates p"
                + " join senders s on s.id = p.sender_id where s.workspace_id = (select workspace_id from senders"
                + " where id = :s)").param("s", wa.senderId()).query(Long.class).single() == 4);
        workspaceId = jdbc.sql("select workspace_id from senders where id = :s").param("s", wa.senderId())
                .query(Long.class).single();
        // the SMS fallback needs a sender of its own: without one acceptance, and the review, pass it over
        dev.recado.support.TestSenders.smsDefault(senderDirectory, workspaceId);

        lia = "+" + WhatsAppFixture.newCustomer();
        customer(lia, "Lia");
        customer("+" + WhatsAppFixture.newCustomer(), "Max");
        noe = "+52551" + String.format("%07d", System.nanoTime() % 10_000_000);
        customer(noe, "Noe");
        wa.customerWrites(lia.substring(1), "Hola");
    }

    @AfterAll
    void closeMexico() {
        mexico.close();
    }

    @Test
    void aUtilityTemplateIsFreeInsideTheWindowAndEachNumberPaysItsOwnSendersCategory() {
        var estimate = estimate("aviso", "whatsapp", "sms");
        // Lia inside her window: free; Max at the utility price (0.02); Noe through the Mexican number,
        // where the same template is marketing (0.06)
        assertThat(estimate.byChannel().get("whatsapp").recipients()).isEqualTo(3);
        assertThat(estimate.byChannel().get("whatsapp").cost()).isEqualByComparingTo(new BigDecimal("0.08"));
        assertThat(estimate.windowPriced()).isEqualTo(1);
        assertThat(estimate.passedOver()).isEmpty();
    }

    @Test
    void aTemplateTheRoutedSenderHasNotApprovedMovesItsNumbersToTheNextChannel() {
        var estimate = estimate("oferta", "whatsapp", "sms");
        assertThat(estimate.byChannel().get("whatsapp").recipients()).isEqualTo(2);
        assertThat(estimate.byChannel().get("whatsapp").cost()).isEqualByComparingTo(new BigDecimal("0.12"));
        assertThat(estimate.byChannel().get("sms").recipients()).isEqualTo(1);
        assertThat(estimate.passedOver()).containsExactly(
                new PassedOver("whatsapp", "template_not_approved", "oferta", "es", "pending", 1, 0));

        var whatsappOnly = estimate("oferta", "whatsapp");
        assertThat(whatsappOnly.passedOver()).containsExactly(
                new PassedOver("whatsapp", "template_not_approved", "oferta", "es", "pending", 1, 1));
        assertThat(whatsappOnly.unreachable()).isZero();

        // acceptance decides the same through the same routing
        var toNoe = wa.send("{\"to\":\"" + noe + "\",\"channel\":\"whatsapp\",\"template\":{\"name\":\"oferta\",\"language\":\"es\"}}");
        assertThat(toNoe.text("code")).as(toNoe.body()).isEqualTo("template_not_approved");
        var toLia = wa.send("{\"to\":\"" + lia + "\",\"channel\":\"whatsapp\",\"template\":{\"name\":\"oferta\",\"language\":\"es\"}}");
        assertThat(toLia.status()).as(toLia.body()).isEqualTo(202);
    }

    @Test
    void aFromNamingOneSenderCarriesEveryNumberAtThatSendersCategory() {
        String spain = PublicId.of("snd_", wa.senderId());
        // through the default number Noe's "aviso" is utility too (0.02), not the Mexican marketing (0.06)
        var fromSpain = estimateFrom("aviso", spain, "whatsapp", "sms");
        assertThat(fromSpain.byChannel().get("whatsapp").recipients()).isEqualTo(3);
        assertThat(fromSpain.byChannel().get("whatsapp").cost()).isEqualByComparingTo(new BigDecimal("0.04"));
        // and "oferta", pending at the Mexican number, is approved at this one
        var oferta = estimateFrom("oferta", spain, "whatsapp", "sms");
        assertThat(oferta.byChannel().get("whatsapp").recipients()).isEqualTo(3);
        assertThat(oferta.passedOver()).isEmpty();
        var toNoe = wa.send("{\"to\":\"" + noe + "\",\"channel\":\"whatsapp\",\"from\":\"" + spain
                + "\",\"template\":{\"name\":\"oferta\",\"language\":\"es\"}}");
        assertThat(toNoe.status()).as(toNoe.body()).isEqualTo(202);

        // through the Mexican number everyone pays marketing, Lia's open window makes nothing free
        long mexicoSender = jdbc.sql("select id from senders where workspace_id = :ws and channel = 'whatsapp'"
                + " and id <> :s").param("ws", workspaceId).param("s", wa.senderId()).query(Long.class).single();
        var fromMexico = estimateFrom("aviso", PublicId.of("snd_", mexicoSender), "whatsapp", "sms");
        assertThat(fromMexico.byChannel().get("whatsapp").recipients()).isEqualTo(3);
        assertThat(fromMexico.byChannel().get("whatsapp").cost()).isEqualByComparingTo(new BigDecimal("0.18"));
        assertThat(fromMexico.windowPriced()).isZero();
        // an SMS channel cannot carry a WhatsApp sender: acceptance passes it over for everyone
        var smsAfter = estimateFrom("aviso", spain, "sms", "whatsapp");
        assertThat(smsAfter.byChannel().get("sms").recipients()).isZero();
        assertThat(smsAfter.byChannel().get("whatsapp").recipients()).isEqualTo(3);
        assertThat(smsAfter.passedOver()).containsExactly(
                new PassedOver("sms", "sender_not_allowed", null, null, null, 3, 0));
    }

    @Test
    void cheapestGoesByEachRecipientsOwnPricesAsTheyStandNow() {
        // Lia free and Max at 0.02 by WhatsApp, where SMS to +346 is 0.04; Noe's WhatsApp is marketing
        // (0.06) and an SMS to +52 costs 0.03. The sample (Lia) alone would have put everyone on WhatsApp.
        var cheapest = cheapest("aviso");
        assertThat(cheapest.byChannel().get("whatsapp").recipients()).isEqualTo(2);
        assertThat(cheapest.byChannel().get("whatsapp").cost()).isEqualByComparingTo(new BigDecimal("0.02"));
        assertThat(cheapest.byChannel().get("sms").recipients()).isEqualTo(1);
        assertThat(cheapest.byChannel().get("sms").cost()).isEqualByComparingTo(new BigDecimal("0.03"));
        try {
            // a price changed after the draft was saved counts at the next review
            jdbc.sql("insert into prices (workspace_id, channel, prefix, price_per_segment, currency)"
                    + " values (:ws, 'sms', '52', 0.10, 'EUR')").param("ws", workspaceId).update();
            prices.forget();
            var dearer = cheapest("aviso");
            assertThat(dearer.byChannel().get("whatsapp").recipients()).isEqualTo(3);
            assertThat(dearer.byChannel().get("whatsapp").cost()).isEqualByComparingTo(new BigDecimal("0.08"));
        } finally {
            jdbc.sql("delete from prices where workspace_id = :ws").param("ws", workspaceId).update();
            prices.forget();
        }
    }

    private SegmentManagement.Estimate cheapest(String template) {
        return segments.estimate(workspaceId, "all", AUDIENCE, "transactional", List.of(
                new ChannelContent("sms", null, "es", 1), new ChannelContent("whatsapp", template, "es", 1)), true,
                Instant.now());
    }

    private SegmentManagement.Estimate estimate(String template, String... channels) {
        return estimateFrom(template, null, channels);
    }

    private SegmentManagement.Estimate estimateFrom(String template, String from, String... channels) {
        return segments.estimate(workspaceId, "all", AUDIENCE, "transactional", java.util.Arrays.stream(channels)
                .map(c -> new ChannelContent(c, c.equals("whatsapp") ? template : null, "es", 1, null, from)).toList(),
                Instant.now());
    }

    private void customer(String phone, String name) {
        var r = wa.api.post("/v1/contacts", wa.key, "{\"phone\":\"" + phone + "\",\"first_name\":\"" + name
                + "\",\"tags\":[\"senders\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
}
