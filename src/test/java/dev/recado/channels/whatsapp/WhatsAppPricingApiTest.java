package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Templates synced from the WABA: only approved ones are sent, each priced by its category and the window. */
@RecadoTest
class WhatsAppPricingApiTest extends WhatsAppTestBase {

    @Override
    String templates() {
        return """
                {"name":"spring_sale","language":"es","category":"MARKETING","status":"APPROVED","quality_score":{"score":"GREEN"},"id":"1"},
                {"name":"order_shipped","language":"es","category":"UTILITY","status":"APPROVED","id":"2"},
                {"name":"login_code","language":"es","category":"AUTHENTICATION","status":"APPROVED","id":"3"},
                {"name":"new_promo","language":"es","category":"MARKETING","status":"PENDING","id":"4"}""";
    }

    @BeforeEach
    void synced() {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from provider_templates where sender_id = :s")
                .param("s", wa.senderId()).query(Long.class).single() == 4);
    }

    private ApiClient.Response template(String customer, String name) {
        return wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"whatsapp\",\"template\":{\"name\":\"" + name
                + "\",\"language\":\"es\"}}");
    }

    private static BigDecimal price(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("price").decimalValue();
    }

    @Test
    void onlyApprovedTemplatesAreSent() {
        String customer = WhatsAppFixture.newCustomer();
        var pending = template(customer, "new_promo");
        assertThat(pending.status()).isEqualTo(422);
        assertThat(pending.text("code")).isEqualTo("template_not_approved");
        assertThat(pending.json().path("errors").toString()).contains("template.name").contains("pending");
        var unknown = template(customer, "no_such_template");
        assertThat(unknown.text("code")).isEqualTo("template_not_approved");
        assertThat(jdbc.sql("select quality from provider_templates where sender_id = :s and name = 'spring_sale'")
                .param("s", wa.senderId()).query(String.class).single()).isEqualTo("green");
    }

    @Test
    void eachTemplateIsPricedByCategoryAndServiceRepliesAreFree() {
        String customer = WhatsAppFixture.newCustomer();
        assertThat(price(template(customer, "spring_sale"))).isEqualByComparingTo("0.06");
        assertThat(price(template(customer, "login_code"))).isEqualByComparingTo("0.02");
        assertThat(price(template(customer, "order_shipped"))).isEqualByComparingTo("0.02");
        wa.customerWrites(customer, "¿Dónde está mi pedido?");
        // inside the customer's window: utility and free-form replies are free, marketing is not
        assertThat(price(template(customer, "order_shipped"))).isEqualByComparingTo("0");
        assertThat(price(wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"whatsapp\",\"body\":\"Sale mañana\"}")))
                .isEqualByComparingTo("0");
        assertThat(price(template(customer, "spring_sale"))).isEqualByComparingTo("0.06");
    }
}
