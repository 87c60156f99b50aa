package dev.recado.channels.rcs.internal;

import dev.recado.messaging.Content;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code AgentMessage} body of {@code agentMessages.create} as RBM documents it:
 * {@code contentMessage} with {@code text} or a {@code richCard} ({@code standaloneCard} or
 * {@code carouselCard}), and {@code suggestions} of {@code reply} or {@code action} (dial, open URL,
 * view location, create calendar event). Content reaching here passed {@link RbmContentRules}.
 */
public final class RbmPayloads {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private RbmPayloads() {
    }

    public static String agentMessage(Content content) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("contentMessage");
        switch (content) {
            case Content.Text t -> message.put("text", t.body());
            case Content.Card c -> {
                List<Content.CardItem> cards = c.cards() == null ? List.of() : c.cards();
                if (cards.isEmpty()) {
                    message.put("text", c.body());
                } else if (cards.size() == 1) {
                    ObjectNode standalone = message.putObject("richCard").putObject("standaloneCard");
                    standalone.put("cardOrientation", "VERTICAL");
                    card(standalone.putObject("cardContent"), cards.get(0));
                } else {
                    ObjectNode carousel = message.putObject("richCard").putObject("carouselCard");
                    carousel.put("cardWidth", upper(c.width() == null ? "medium" : c.width()));
                    ArrayNode contents = carousel.putArray("cardContents");
                    cards.forEach(item -> card(contents.addObject(), item));
                }
                suggestions(message, c.suggestions());
            }
            default -> throw new IllegalArgumentException(content.kind() + " content on RCS");
        }
        return JSON.writeValueAsString(root);
    }

    private static void card(ObjectNode node, Content.CardItem item) {
        if (item.title() != null) {
            node.put("title", item.title());
        }
        if (item.description() != null) {
            node.put("description", item.description());
        }
        if (item.mediaUrl() != null) {
            ObjectNode media = node.putObject("media");
            media.put("height", upper(item.mediaHeight() == null ? "medium" : item.mediaHeight()));
            media.putObject("contentInfo").put("fileUrl", item.mediaUrl()).put("forceRefresh", false);
        }
        suggestions(node, item.suggestions());
    }

    private static void suggestions(ObjectNode parent, List<Content.Suggestion> suggestions) {
        if (suggestions == null || suggestions.isEmpty()) {
            return;
        }
        ArrayNode list = parent.putArray("suggestions");
        for (var s : suggestions) {
            String postback = s.postbackData() != null ? s.postbackData() : s.type() + ":" + s.text();
            if (s.type().equals("reply")) {
                list.addObject().putObject("reply").put("text", s.text()).put("postbackData", postback);
                continue;
            }
            ObjectNode action = list.addObject().putObject("action").put("text", s.text()).put("postbackData", postback);
            switch (s.type()) {
                case "dial" -> action.putObject("dialAction").put("phoneNumber", s.phoneNumber());
                case "open_url" -> action.putObject("openUrlAction").put("url", s.url());
                case "view_location" -> {
                    ObjectNode view = action.putObject("viewLocationAction");
                    view.putObject("latLong").put("latitude", s.latitude()).put("longitude", s.longitude());
                    if (s.label() != null) {
                        view.put("label", s.label());
                    }
                }
                case "create_calendar_event" -> {
                    ObjectNode event = action.putObject("createCalendarEventAction")
                            .put("startTime", s.startTime().toString()).put("endTime", s.endTime().toString())
                            .put("title", s.title());
                    if (s.description() != null) {
                        event.put("description", s.description());
                    }
                }
                default -> throw new IllegalArgumentException("suggestion type " + s.type());
            }
        }
    }

    private static String upper(String value) {
        return value.toUpperCase(Locale.ROOT);
    }
}
