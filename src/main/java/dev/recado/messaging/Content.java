package dev.recado.messaging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What a message says, independent of the channel that carries it. Each channel declares which
 * kinds it carries ({@link dev.recado.messaging.spi.ChannelCapabilities}) and plans the content
 * into billable units; acceptance refuses a kind the chosen channel cannot carry.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Content.Text.class, name = "text"),
        @JsonSubTypes.Type(value = Content.Media.class, name = "media"),
        @JsonSubTypes.Type(value = Content.TemplateRef.class, name = "template"),
        @JsonSubTypes.Type(value = Content.Interactive.class, name = "interactive"),
        @JsonSubTypes.Type(value = Content.Email.class, name = "email"),
        @JsonSubTypes.Type(value = Content.Reply.class, name = "reply"),
        @JsonSubTypes.Type(value = Content.Location.class, name = "location"),
        @JsonSubTypes.Type(value = Content.Card.class, name = "card"),
        @JsonSubTypes.Type(value = Content.RecadoTemplate.class, name = "recado_template"),
        @JsonSubTypes.Type(value = Content.Catalog.class, name = "catalog")})
public sealed interface Content {

    /** The kind's wire name, as channels declare what they carry. */
    String kind();

    /** The text a person reads first (body, caption, email text): shown in the log and the inbox. */
    String summary();

    record Text(String body) implements Content {
        public String kind() {
            return "text";
        }

        public String summary() {
            return body;
        }
    }

    /**
     * An image, video, audio file, document or sticker, by link or by the provider's media {@code id}
     * (uploaded there before); {@code caption} optional. Inbound, {@code id} is the provider's reference
     * and {@code url} where Recado keeps the downloaded file ({@code null} until it is stored);
     * {@code mimeType}, {@code size}, {@code sha256} and {@code filename} describe it when known.
     */
    record Media(String mediaKind, String url, String caption, String id, String mimeType, Long size, String sha256,
            String filename) implements Content {

        public Media(String mediaKind, String url, String caption) {
            this(mediaKind, url, caption, null, null, null, null, null);
        }

        public String kind() {
            return "media";
        }

        public String summary() {
            return caption != null ? caption : url != null && id == null ? "[" + mediaKind + "] " + url : "[" + mediaKind + "]";
        }
    }

    /**
     * A business's catalog items (WhatsApp): one product ({@code productRetailerId}) or, with
     * {@code sections}, a multi-product list with a text {@code header}; {@code body} and
     * {@code footer} are the text around them.
     */
    record Catalog(String catalogId, String productRetailerId, String header, String body, String footer,
            List<ProductSection> sections) implements Content {
        public String kind() {
            return "catalog";
        }

        public boolean list() {
            return sections != null;
        }

        public String summary() {
            return body != null ? body : productRetailerId != null ? "[product " + productRetailerId + "]" : "[products]";
        }
    }

    /** A section of a multi-product message: its {@code title} and the items' retailer ids. */
    record ProductSection(String title, List<String> productRetailerIds) {
    }

    /**
     * A template approved at the provider (a WhatsApp template), filled with parameters: {@code params}
     * fill the body's placeholders in order; {@code header} and {@code buttons} are optional.
     */
    record TemplateRef(String name, String language, List<String> params, TemplateHeader header,
            List<TemplateButton> buttons) implements Content {

        public TemplateRef(String name, String language, List<String> params) {
            this(name, language, params, null, null);
        }

        public String kind() {
            return "template";
        }

        public String summary() {
            return "[template " + name + "/" + language + "] " + String.join(" | ", params == null ? List.of() : params);
        }
    }

    /**
     * A Recado template ({@code tpl_…}) with its {@code params}: acceptance renders it for the chosen
     * channel and the contact's language ({@link dev.recado.messaging.spi.TemplateRenderer}), so no
     * channel ever carries this kind; a channel order renders each channel's own variant.
     */
    record RecadoTemplate(String id, java.util.Map<String, String> params) implements Content {

        public String kind() {
            return "recado_template";
        }

        public String summary() {
            return "[template " + id + "]";
        }
    }

    /** A template's header parameter: {@code text} for a text header, {@code url} for image, video or document. */
    record TemplateHeader(String type, String text, String url) {
    }

    /**
     * A template button's parameter: {@code quick_reply} carries the payload returned when tapped,
     * {@code url} the suffix of a dynamic URL. {@code index} is the button's position in the template.
     */
    record TemplateButton(Integer index, String type, String value) {
    }

    record Button(String id, String title) {
    }

    record ListRow(String id, String title, String description) {
    }

    record ListSection(String title, List<ListRow> rows) {
    }

    /** A body with reply buttons, or with a list menu opened by {@code listButton}. */
    record Interactive(String body, List<Button> buttons, String listButton, List<ListSection> sections)
            implements Content {
        public String kind() {
            return "interactive";
        }

        public String summary() {
            return body;
        }
    }

    record Attachment(String filename, String contentType, String url) {
    }

    /**
     * {@code listUnsubscribe}: the https address of a one-click unsubscribe (RFC 8058) a marketing
     * email announces in its headers; set by campaigns, which own the endpoint.
     */
    record Email(String subject, String html, String text, List<Attachment> attachments, String listUnsubscribe)
            implements Content {

        public Email(String subject, String html, String text, List<Attachment> attachments) {
            this(subject, html, text, attachments, null);
        }

        public String kind() {
            return "email";
        }

        public String summary() {
            return text != null ? text : subject;
        }
    }

    /** A customer's tap on a reply button, a list row or a template's quick reply (inbound only). */
    record Reply(String replyKind, String id, String title) implements Content {
        public String kind() {
            return "reply";
        }

        public String summary() {
            return title != null ? title : id;
        }
    }

    /** A point on the map, with an optional place name and address. */
    record Location(Double latitude, Double longitude, String name, String address) implements Content {
        public String kind() {
            return "location";
        }

        public String summary() {
            String where = latitude + "," + longitude;
            return name != null ? name + " (" + where + ")" : address != null ? address + " (" + where + ")" : where;
        }
    }

    /**
     * RCS rich content: a standalone rich card (one item in {@code cards}), a carousel (two or more),
     * or no card at all (then {@code body} is text with suggestion chips). {@code suggestions} are
     * the chips under the whole message; {@code width} a carousel's card width ({@code small},
     * {@code medium}).
     */
    record Card(String body, List<CardItem> cards, List<Suggestion> suggestions, String width) implements Content {
        public String kind() {
            return "card";
        }

        public String summary() {
            if (body != null) {
                return body;
            }
            CardItem first = cards == null || cards.isEmpty() ? null : cards.get(0);
            return first == null ? "[card]" : "[card] " + (first.title() != null ? first.title() : first.description());
        }
    }

    /**
     * One rich card: {@code title}, {@code description}, an optional image or video by
     * {@code mediaUrl} shown at {@code mediaHeight} ({@code short}, {@code medium}, {@code tall}),
     * and its own suggestions.
     */
    record CardItem(String title, String description, String mediaUrl, String mediaHeight, List<Suggestion> suggestions) {
    }

    /**
     * A suggested reply or action. {@code type}: {@code reply} (comes back with {@code postbackData}),
     * {@code dial} ({@code phoneNumber}), {@code open_url} ({@code url}), {@code view_location}
     * ({@code latitude}, {@code longitude}, optional {@code label}) or {@code create_calendar_event}
     * ({@code title}, {@code description}, {@code startTime}, {@code endTime}); {@code text} is what the
     * chip shows.
     */
    record Suggestion(String type, String text, String postbackData, String phoneNumber, String url, Double latitude,
            Double longitude, String label, String title, String description, java.time.Instant startTime,
            java.time.Instant endTime) {
    }
}
