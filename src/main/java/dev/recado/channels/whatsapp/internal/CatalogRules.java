package dev.recado.channels.whatsapp.internal;

import static dev.recado.channels.whatsapp.internal.WhatsAppContentRules.MAX_INTERACTIVE_BODY;
import static dev.recado.channels.whatsapp.internal.WhatsAppContentRules.MAX_PRODUCTS;
import static dev.recado.channels.whatsapp.internal.WhatsAppContentRules.MAX_PRODUCT_SECTIONS;
import static dev.recado.channels.whatsapp.internal.WhatsAppContentRules.length;

import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Catalog messages as the Cloud API takes them: a single product ({@code catalog_id},
 * {@code product_retailer_id}, optional body and footer) or a multi-product list (a text header and a
 * body are required; at most 10 sections and 30 items in all; a section needs a title when there are
 * several). Fields are named as the client wrote them ({@code product_list.sections[1].product_retailer_ids[0]}).
 */
final class CatalogRules {

    private CatalogRules() {
    }

    static void check(Content.Catalog c, List<FieldProblem> problems) {
        String root = c.list() ? "product_list" : "product";
        length(root + ".catalog_id", c.catalogId(), 100, true, problems);
        length(root + ".footer", c.footer(), 60, false, problems);
        if (!c.list()) {
            length("product.product_retailer_id", c.productRetailerId(), 100, true, problems);
            length("product.body", c.body(), MAX_INTERACTIVE_BODY, false, problems);
            return;
        }
        length("product_list.header", c.header(), 60, true, problems);
        length("product_list.body", c.body(), MAX_INTERACTIVE_BODY, true, problems);
        List<Content.ProductSection> sections = c.sections();
        if (sections.isEmpty()) {
            problems.add(new FieldProblem("product_list.sections", "needs at least one section"));
        } else if (sections.size() > MAX_PRODUCT_SECTIONS) {
            problems.add(new FieldProblem("product_list.sections", "must be at most " + MAX_PRODUCT_SECTIONS));
        }
        int items = 0;
        Set<String> seen = new HashSet<>();
        for (int s = 0; s < sections.size(); s++) {
            String field = "product_list.sections[" + s + "]";
            Content.ProductSection section = sections.get(s);
            if (section == null) {
                problems.add(new FieldProblem(field, "is required"));
                continue;
            }
            length(field + ".title", section.title(), 24, sections.size() > 1, problems);
            List<String> ids = section.productRetailerIds() == null ? List.of() : section.productRetailerIds();
            if (ids.isEmpty()) {
                problems.add(new FieldProblem(field + ".product_retailer_ids", "needs at least one item"));
            }
            for (int i = 0; i < ids.size(); i++) {
                String item = field + ".product_retailer_ids[" + i + "]";
                length(item, ids.get(i), 100, true, problems);
                if (ids.get(i) != null && !seen.add(ids.get(i))) {
                    problems.add(new FieldProblem(item, "must differ from the other items"));
                }
            }
            items += ids.size();
        }
        if (items > MAX_PRODUCTS) {
            problems.add(new FieldProblem("product_list.sections", "must hold at most " + MAX_PRODUCTS + " items in all"));
        }
    }
}
