package dev.recado.messaging.internal;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import dev.recado.messaging.MessageDraft;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/messages} (and each item of {@code /v1/messages/batch}). {@code to} is a contact
 * id, an E.164 (or national) phone, or an email; {@code strictly_necessary} marks a message (an OTP
 * the person asked for) that an opt-out of transactional messages must not block. The content is
 * {@code body}, or {@code media}, a provider {@code template}, {@code buttons}/{@code list}, or an
 * email's {@code subject} with {@code html} and/or {@code body} as its text, or a {@code location},
 * or for RCS a {@code card} (a rich card, or a carousel in {@code card.cards}) and/or
 * {@code suggestions} (replies and actions under the message, also under a plain {@code body}), or
 * catalog items: {@code product} (one) or {@code product_list} (sections of retailer ids).
 * {@code channels} (instead of {@code channel}) is an order to try, {@code fallback_after_seconds} its timeout;
 * {@code channel: "cheapest"} makes the order by price (of the given {@code channels}, else of every channel).
 */
record SendRequest(String to, String channel, String from, String body, Map<String, Object> template,
        String subject, String html, Media media, List<Content.Button> buttons, InteractiveList list,
        List<Content.Attachment> attachments, Content.Location location, String purpose, Instant sendAt, Integer validitySeconds,
        Integer priority, Map<String, Object> metadata, String statusCallback, Boolean smartEncoding,
        Boolean strictlyNecessary, String clientRef, CardRequest card, List<Content.Suggestion> suggestions,
        List<String> channels, Integer fallbackAfterSeconds, Product product, ProductList productList) {

    /** By link ({@code url}) or by an id the provider gave an upload ({@code id}). */
    record Media(String kind, String url, String caption, String id) {
    }

    /** One catalog item (WhatsApp {@code interactive.type: product}). */
    record Product(String catalogId, String productRetailerId, String body, String footer) {
    }

    /** Several catalog items in sections (WhatsApp {@code product_list}). */
    record ProductList(String catalogId, String header, String body, String footer, List<Content.ProductSection> sections) {
    }

    record InteractiveList(String button, List<Content.ListSection> sections) {
    }

    /** One rich card's fields, or {@code cards} (with an optional {@code width}) for a carousel. */
    record CardRequest(String title, String description, String mediaUrl, String mediaHeight,
            List<Content.Suggestion> suggestions, List<Content.CardItem> cards, String width) {

        List<Content.CardItem> items() {
            if (cards != null) {
                if (title != null || description != null || mediaUrl != null || mediaHeight != null || suggestions != null) {
                    throw ApiException.invalid(List.of(new FieldProblem("card.cards",
                            "a carousel's fields go in each of its cards; drop card.title, description, media and suggestions")));
                }
                return cards;
            }
            return List.of(new Content.CardItem(title, description, mediaUrl, mediaHeight, suggestions));
        }
    }

    /** Sent with a channel order or {@code channel: "cheapest"}, so it opens a route. */
    boolean routed() {
        return channels != null || fallbackAfterSeconds != null || RouteChooser.CHEAPEST.equalsIgnoreCase(channel);
    }

    MessageDraft toDraft(String idempotencyKey) {
        return new MessageDraft(to, channel, from, content(), purpose, sendAt, validitySeconds, priority, metadata,
                statusCallback, Boolean.TRUE.equals(smartEncoding), Boolean.TRUE.equals(strictlyNecessary),
                idempotencyKey, clientRef, null,
                channels == null && fallbackAfterSeconds == null ? null
                        : new dev.recado.messaging.Routing(channels, fallbackAfterSeconds));
    }

    private Content content() {
        if (template != null) {
            Object params = template.get("params");
            if (template.containsKey("id")) {
                return recadoTemplate(template.get("id"), params);
            }
            return new Content.TemplateRef(string(template.get("name")), string(template.get("language")),
                    params instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(),
                    header(template.get("header")), templateButtons(template.get("buttons")));
        }
        if (subject != null || html != null) {
            return new Content.Email(subject, html, body, attachments == null ? List.of() : attachments);
        }
        if (media != null) {
            return new Content.Media(media.kind(), media.url(), media.caption() != null ? media.caption() : body,
                    media.id(), null, null, null, null);
        }
        if (product != null) {
            return new Content.Catalog(product.catalogId(), product.productRetailerId(), null,
                    product.body() != null ? product.body() : body, product.footer(), null);
        }
        if (productList != null) {
            return new Content.Catalog(productList.catalogId(), null, productList.header(),
                    productList.body() != null ? productList.body() : body, productList.footer(),
                    productList.sections() == null ? List.of() : productList.sections());
        }
        if (location != null) {
            return location;
        }
        if (card != null || suggestions != null) {
            return new Content.Card(body, card == null ? List.of() : card.items(), suggestions == null ? List.of() : suggestions,
                    card == null ? null : card.width());
        }
        if (buttons != null || list != null) {
            return new Content.Interactive(body, buttons == null ? List.of() : buttons,
                    list == null ? null : list.button(), list == null ? List.of() : list.sections());
        }
        return body == null ? null : new Content.Text(body);
    }

    /** {@code params} are named values for the template's placeholders: scalars, rendered as text. */
    private static Content.RecadoTemplate recadoTemplate(Object id, Object params) {
        if (!(id instanceof String s) || !s.matches("tpl_[A-Za-z0-9]{1,40}")) {
            throw ApiException.invalid(List.of(new FieldProblem("template.id", "must be a template id (tpl_…)")));
        }
        if (params != null && !(params instanceof Map<?, ?>)) {
            throw ApiException.invalid(List.of(new FieldProblem("template.params",
                    "must be an object of names and values for a Recado template")));
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        if (params instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof List<?>) {
                    throw ApiException.invalid(List.of(new FieldProblem("template.params." + e.getKey(),
                            "must be a text, number or boolean")));
                }
                values.put(String.valueOf(e.getKey()), e.getValue() == null ? null : String.valueOf(e.getValue()));
            }
        }
        return new Content.RecadoTemplate(s, values);
    }

    /** A shape the channel cannot use still becomes a header, so its plan names the field. */
    private static Content.TemplateHeader header(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            return new Content.TemplateHeader(null, null, null);
        }
        return new Content.TemplateHeader(string(m.get("type")), string(m.get("text")), string(m.get("url")));
    }

    private static List<Content.TemplateButton> templateButtons(Object value) {
        if (!(value instanceof List<?> list)) {
            return value == null ? null : List.of(new Content.TemplateButton(null, null, null));
        }
        return list.stream().map(b -> b instanceof Map<?, ?> m
                ? new Content.TemplateButton(m.get("index") instanceof Integer i ? i : null, string(m.get("type")),
                        string(m.get("value")))
                : new Content.TemplateButton(null, null, null)).toList();
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }
}
