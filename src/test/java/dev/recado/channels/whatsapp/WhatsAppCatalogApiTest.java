package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.RecadoTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Catalog messages (one product, a multi-product list) and media by an uploaded id through
 * POST /v1/messages to the local Graph, which checks the documented shapes; limits as field problems.
 */
@RecadoTest
class WhatsAppCatalogApiTest extends WhatsAppTestBase {

    private static String items(int from, int count) {
        StringBuilder ids = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            ids.append(i == from ? "" : ",").append("\"SKU-").append(i).append('"');
        }
        return ids.toString();
    }

    @Test
    void aSingleProductAndAProductListGoAsInteractiveCatalogMessages() {
        String customer = WhatsAppFixture.newCustomer();
        wa.customerWrites(customer, "¿Qué zapatillas tenéis?");
        var one = wa.send("""
                {"to":"+%s","channel":"whatsapp","product":{"catalog_id":"367025965434465","product_retailer_id":"SKU-42",
                 "body":"Nuestra favorita","footer":"Envío gratis"}}""".formatted(customer));
        assertThat(one.status()).as(one.body()).isEqualTo(202);
        var list = wa.send("""
                {"to":"+%s","channel":"whatsapp","body":"Elige tu modelo","product_list":{"catalog_id":"367025965434465",
                 "header":"Zapatillas","sections":[{"title":"Running","product_retailer_ids":[%s]},
                 {"title":"Paseo","product_retailer_ids":[%s]}]}}""".formatted(customer, items(0, 20), items(20, 10)));
        assertThat(list.status()).as(list.body()).isEqualTo(202);
        wa.awaitStatus(one.text("id"), "sent");
        wa.awaitStatus(list.text("id"), "sent");
        JsonNode product = wa.graph.sentTo(customer).stream()
                .filter(m -> m.path("interactive").path("type").asString().equals("product")).findFirst().orElseThrow();
        assertThat(product.path("interactive").path("action").path("catalog_id").asString()).isEqualTo("367025965434465");
        assertThat(product.path("interactive").path("action").path("product_retailer_id").asString()).isEqualTo("SKU-42");
        assertThat(product.path("interactive").path("body").path("text").asString()).isEqualTo("Nuestra favorita");
        assertThat(product.path("interactive").path("footer").path("text").asString()).isEqualTo("Envío gratis");
        JsonNode many = wa.graph.sentTo(customer).stream()
                .filter(m -> m.path("interactive").path("type").asString().equals("product_list")).findFirst().orElseThrow();
        assertThat(many.path("interactive").path("header").path("text").asString()).isEqualTo("Zapatillas");
        assertThat(many.path("interactive").path("body").path("text").asString()).isEqualTo("Elige tu modelo");
        JsonNode sections = many.path("interactive").path("action").path("sections");
        assertThat(sections.path(1).path("title").asString()).isEqualTo("Paseo");
        assertThat(sections.path(0).path("product_items").size()).isEqualTo(20);
        assertThat(sections.path(1).path("product_items").path(9).path("product_retailer_id").asString()).isEqualTo("SKU-29");
    }

    @Test
    void catalogLimitsAreFieldProblemsAndNothingIsSent() {
        String customer = WhatsAppFixture.newCustomer();
        wa.customerWrites(customer, "Hola");
        var tooMany = wa.send("""
                {"to":"+%s","channel":"whatsapp","product_list":{"catalog_id":"1","header":"H","body":"B",
                 "sections":[{"title":"A","product_retailer_ids":[%s]},{"title":"B","product_retailer_ids":[%s]}]}}"""
                .formatted(customer, items(0, 16), items(16, 15)));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().path("errors").toString()).contains("\"field\":\"product_list.sections\"").contains("30");
        StringBuilder sections = new StringBuilder();
        for (int s = 0; s < 11; s++) {
            sections.append(s == 0 ? "" : ",").append("{\"title\":\"S").append(s).append("\",\"product_retailer_ids\":[\"X")
                    .append(s).append("\"]}");
        }
        var elevenSections = wa.send("{\"to\":\"+%s\",\"channel\":\"whatsapp\",\"product_list\":{\"catalog_id\":\"1\",\"header\":\"H\",\"body\":\"B\",\"sections\":[%s]}}"
                .formatted(customer, sections));
        assertThat(elevenSections.status()).isEqualTo(422);
        assertThat(elevenSections.json().path("errors").toString()).contains("\"field\":\"product_list.sections\"");
        var untitled = wa.send("""
                {"to":"+%s","channel":"whatsapp","product_list":{"catalog_id":"1","sections":[
                 {"product_retailer_ids":["A"]},{"title":"Dos","product_retailer_ids":[]}]}}""".formatted(customer));
        assertThat(untitled.status()).isEqualTo(422);
        assertThat(untitled.json().path("errors").toString()).contains("product_list.header").contains("product_list.body")
                .contains("product_list.sections[0].title").contains("product_list.sections[1].product_retailer_ids");
        var noItem = wa.send("{\"to\":\"+%s\",\"channel\":\"whatsapp\",\"product\":{\"catalog_id\":\"1\"}}".formatted(customer));
        assertThat(noItem.status()).isEqualTo(422);
        assertThat(noItem.json().path("errors").toString()).contains("product.product_retailer_id");
        // a channel without catalogs refuses the kind
        var sms = wa.send("{\"to\":\"+%s\",\"channel\":\"sms\",\"product\":{\"catalog_id\":\"1\",\"product_retailer_id\":\"A\"}}"
                .formatted(customer));
        assertThat(sms.status()).isBetween(400, 499);
        assertThat(wa.graph.sentTo(customer)).isEmpty();
    }

    @Test
    void mediaGoesByAnUploadedIdAndItsSizeIsCheckedFirst() {
        String customer = WhatsAppFixture.newCustomer();
        wa.customerWrites(customer, "Mándame el catálogo");
        wa.graph.mediaFile("1013859600285441", new byte[200_000], "application/pdf", 0);
        var byId = wa.send("""
                {"to":"+%s","channel":"whatsapp","media":{"kind":"document","id":"1013859600285441","caption":"Catálogo"}}"""
                .formatted(customer));
        assertThat(byId.status()).as(byId.body()).isEqualTo(202);
        wa.awaitStatus(byId.text("id"), "sent");
        JsonNode document = wa.graph.sentTo(customer).get(0).path("document");
        assertThat(document.path("id").asString()).isEqualTo("1013859600285441");
        assertThat(document.has("link")).isFalse();
        assertThat(document.path("caption").asString()).isEqualTo("Catálogo");

        wa.graph.mediaFile("1013859600285442", new byte[(5 << 20) + 1], "image/jpeg", 0);
        var big = wa.send("{\"to\":\"+%s\",\"channel\":\"whatsapp\",\"media\":{\"kind\":\"image\",\"id\":\"1013859600285442\"}}"
                .formatted(customer));
        assertThat(big.status()).as(big.body()).isEqualTo(202);
        assertThat(wa.awaitStatus(big.text("id"), "failed")).contains("media_too_large");

        var both = wa.send("{\"to\":\"+%s\",\"channel\":\"whatsapp\",\"media\":{\"kind\":\"image\",\"id\":\"1\",\"url\":\"https://x.example/a.jpg\"}}"
                .formatted(customer));
        assertThat(both.status()).isEqualTo(422);
        assertThat(both.json().path("errors").toString()).contains("media.id");
        assertThat(wa.graph.sentTo(customer)).hasSize(1);
    }
}
