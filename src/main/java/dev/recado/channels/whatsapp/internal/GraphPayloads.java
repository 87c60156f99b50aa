package dev.recado.channels.whatsapp.internal;

import dev.recado.messaging.Content;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /{version}/{phone-number-id}/messages} for each content kind, as the Cloud
 * API documents it. Content reaching here passed {@link WhatsAppContentRules}.
 */
final class GraphPayloads {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private GraphPayloads() {
    }

    /**
     * {@code reference} travels as {@code biz_opaque_callback_data}, which Meta returns in every status
     * webhook of the message: a status can be matched to our message even without its wamid.
     */
    static String message(String to, String reference, Content content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("messaging_product", "whatsapp");
        root.put("recipient_type", "individual");
        root.put("to", to.startsWith("+") ? to.substring(1) : to);
        if (reference != null) {
            root.put("biz_opaque_callback_data", reference);
        }
        switch (content) {
            case Content.Text t -> {
                root.put("type", "text");
                root.putObject("text").put("preview_url", t.body().contains("https://")).put("body", t.body());
            }
            case Content.Media m -> {
                root.put("type", m.mediaKind());
                ObjectNode media = m.id() != null ? root.putObject(m.mediaKind()).put("id", m.id())
                        : root.putObject(m.mediaKind()).put("link", m.url());
                if (m.caption() != null && !m.caption().isBlank()) {
                    media.put("caption", m.caption());
                }
            }
            case Content.TemplateRef t -> template(root, t);
            case Content.Interactive i -> interactive(root, i);
            case Content.Location l -> {
                root.put("type", "location");
                ObjectNode location = root.putObject("location").put("latitude", l.latitude()).put("longitude", l.longitude());
                if (l.name() != null) {
                    location.put("name", l.name());
                }
                if (l.address() != null) {
                    location.put("address", l.address());
                }
            }
            case Content.Email e -> throw new IllegalArgumentException("email content on WhatsApp");
            case Content.Reply r -> throw new IllegalArgumentException("a reply is inbound only");
            case Content.Card c -> throw new IllegalArgumentException("RCS card content on WhatsApp");
            case Content.Catalog c -> catalog(root, c);
            case Content.RecadoTemplate t -> throw new IllegalArgumentException("a Recado template is rendered at acceptance");
        }
        return JSON.writeValueAsString(root);
    }

    private static void template(ObjectNode root, Content.TemplateRef t) {
        root.put("type", "template");
        ObjectNode template = root.putObject("template").put("name", t.name());
        template.putObject("language").put("code", t.language());
        ArrayNode components = template.putArray("components");
        if (t.header() != null) {
            ArrayNode parameters = components.addObject().put("type", "header").putArray("parameters");
            ObjectNode p = parameters.addObject().put("type", t.header().type());
            if (t.header().type().equals("text")) {
                p.put("text", t.header().text());
            } else {
                p.putObject(t.header().type()).put("link", t.header().url());
            }
        }
        if (t.params() != null && !t.params().isEmpty()) {
            ArrayNode parameters = components.addObject().put("type", "body").putArray("parameters");
            t.params().forEach(value -> parameters.addObject().put("type", "text").put("text", value));
        }
        List<Content.TemplateButton> buttons = t.buttons() == null ? List.of() : t.buttons();
        for (int n = 0; n < buttons.size(); n++) {
            var b = buttons.get(n);
            ObjectNode button = components.addObject().put("type", "button").put("sub_type", b.type())
                    .put("index", String.valueOf(b.index() != null ? b.index() : n));
            ObjectNode p = button.putArray("parameters").addObject();
            if (b.type().equals("quick_reply")) {
                p.put("type", "payload").put("payload", b.value());
            } else {
                p.put("type", "text").put("text", b.value());
            }
        }
        if (components.isEmpty()) {
            template.remove("components");
        }
    }

    /** {@code interactive.type} {@code product} or {@code product_list}, the items by retailer id. */
    private static void catalog(ObjectNode root, Content.Catalog c) {
        root.put("type", "interactive");
        ObjectNode interactive = root.putObject("interactive").put("type", c.list() ? "product_list" : "product");
        if (c.list()) {
            interactive.putObject("header").put("type", "text").put("text", c.header());
        }
        if (c.body() != null) {
            interactive.putObject("body").put("text", c.body());
        }
        if (c.footer() != null) {
            interactive.putObject("footer").put("text", c.footer());
        }
        ObjectNode action = interactive.putObject("action").put("catalog_id", c.catalogId());
        if (!c.list()) {
            action.put("product_retailer_id", c.productRetailerId());
            return;
        }
        ArrayNode sections = action.putArray("sections");
        for (var s : c.sections()) {
            ObjectNode section = sections.addObject();
            if (s.title() != null) {
                section.put("title", s.title());
            }
            ArrayNode items = section.putArray("product_items");
            s.productRetailerIds().forEach(id -> items.addObject().put("product_retailer_id", id));
        }
    }

    private static void interactive(ObjectNode root, Content.Interactive i) {
        root.put("type", "interactive");
        ObjectNode interactive = root.putObject("interactive");
        boolean buttons = i.buttons() != null && !i.buttons().isEmpty();
        interactive.put("type", buttons ? "button" : "list");
        interactive.putObject("body").put("text", i.body());
        ObjectNode action = interactive.putObject("action");
        if (buttons) {
            ArrayNode list = action.putArray("buttons");
            i.buttons().forEach(b -> list.addObject().put("type", "reply").putObject("reply")
                    .put("id", b.id()).put("title", b.title()));
            return;
        }
        action.put("button", i.listButton());
        ArrayNode sections = action.putArray("sections");
        for (var s : i.sections()) {
            ObjectNode section = sections.addObject();
            if (s.title() != null) {
                section.put("title", s.title());
            }
            ArrayNode rows = section.putArray("rows");
            s.rows().forEach(r -> {
                ObjectNode row = rows.addObject().put("id", r.id()).put("title", r.title());
                if (r.description() != null) {
                    row.put("description", r.description());
                }
            });
        }
    }
}
