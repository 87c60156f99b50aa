package dev.recado.channels.rcs.internal;

import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ContentPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What RBM accepts, checked at acceptance with the field named as the client wrote it
 * ({@code card.cards[1].title}, {@code suggestions[0].url}): text up to 3,072 characters, 11
 * suggestions under a message and 4 under a card, chip texts of 25 characters, carousels of 2 to 10
 * cards, and each action's own fields.
 */
public final class RbmContentRules {

    public static final int MAX_TEXT = 3072;
    static final int MAX_MESSAGE_SUGGESTIONS = 11;
    static final int MAX_CARD_SUGGESTIONS = 4;
    static final int MAX_CHIP = 25;
    static final int MAX_POSTBACK = 2048;
    static final int MAX_CAROUSEL = 10;
    static final Set<String> SUGGESTIONS = Set.of("reply", "dial", "open_url", "view_location", "create_calendar_event");

    private RbmContentRules() {
    }

    public static ContentPlan plan(Content content) {
        List<FieldProblem> problems = new ArrayList<>();
        switch (content) {
            case Content.Text t -> length("body", t.body(), MAX_TEXT, true, problems);
            case Content.Card c -> card(c, problems);
            default -> problems.add(new FieldProblem("body", "rcs carries text and cards, not " + content.kind()));
        }
        return problems.isEmpty() ? ContentPlan.of(1, null) : new ContentPlan(0, null, problems);
    }

    private static void card(Content.Card c, List<FieldProblem> problems) {
        List<Content.CardItem> cards = c.cards() == null ? List.of() : c.cards();
        if (cards.isEmpty()) {
            length("body", c.body(), MAX_TEXT, true, problems);
        } else if (c.body() != null) {
            problems.add(new FieldProblem("body", "a card carries its text in card.description; drop body"));
        }
        if (cards.size() > MAX_CAROUSEL) {
            problems.add(new FieldProblem("card.cards", "must hold at most " + MAX_CAROUSEL + " cards"));
        }
        if (c.width() != null && !Set.of("small", "medium").contains(c.width())) {
            problems.add(new FieldProblem("card.width", "must be small or medium"));
        }
        boolean carousel = cards.size() > 1;
        for (int n = 0; n < cards.size(); n++) {
            String field = carousel ? "card.cards[" + n + "]" : "card";
            Content.CardItem item = cards.get(n);
            if (item == null) {
                problems.add(new FieldProblem(field, "is required"));
                continue;
            }
            if (item.title() == null && item.description() == null && item.mediaUrl() == null) {
                problems.add(new FieldProblem(field, "needs a title, a description or media"));
            }
            length(field + ".title", item.title(), 200, false, problems);
            length(field + ".description", item.description(), 2000, false, problems);
            if (item.mediaUrl() != null && !item.mediaUrl().matches("https?://\\S{1,2000}")) {
                problems.add(new FieldProblem(field + ".media_url", "must be an http(s) URL"));
            }
            if (item.mediaHeight() != null && !Set.of("short", "medium", "tall").contains(item.mediaHeight())) {
                problems.add(new FieldProblem(field + ".media_height", "must be short, medium or tall"));
            }
            suggestions(field + ".suggestions", item.suggestions(), MAX_CARD_SUGGESTIONS, problems);
        }
        suggestions("suggestions", c.suggestions(), MAX_MESSAGE_SUGGESTIONS, problems);
    }

    private static void suggestions(String field, List<Content.Suggestion> list, int max, List<FieldProblem> problems) {
        if (list == null) {
            return;
        }
        if (list.size() > max) {
            problems.add(new FieldProblem(field, "must be at most " + max));
        }
        for (int n = 0; n < list.size(); n++) {
            String f = field + "[" + n + "]";
            Content.Suggestion s = list.get(n);
            if (s == null || s.type() == null || !SUGGESTIONS.contains(s.type())) {
                problems.add(new FieldProblem(f + ".type", "must be one of " + new java.util.TreeSet<>(SUGGESTIONS)));
                continue;
            }
            length(f + ".text", s.text(), MAX_CHIP, true, problems);
            length(f + ".postback_data", s.postbackData(), MAX_POSTBACK, s.type().equals("reply"), problems);
            switch (s.type()) {
                case "dial" -> {
                    if (s.phoneNumber() == null || !s.phoneNumber().matches("\\+[1-9][0-9]{5,14}")) {
                        problems.add(new FieldProblem(f + ".phone_number", "must be an E.164 number"));
                    }
                }
                case "open_url" -> {
                    if (s.url() == null || !s.url().matches("https?://\\S{1,2000}")) {
                        problems.add(new FieldProblem(f + ".url", "must be an http(s) URL"));
                    }
                }
                case "view_location" -> {
                    if (s.latitude() == null || s.latitude() < -90 || s.latitude() > 90) {
                        problems.add(new FieldProblem(f + ".latitude", "must be between -90 and 90"));
                    }
                    if (s.longitude() == null || s.longitude() < -180 || s.longitude() > 180) {
                        problems.add(new FieldProblem(f + ".longitude", "must be between -180 and 180"));
                    }
                    length(f + ".label", s.label(), 100, false, problems);
                }
                case "create_calendar_event" -> {
                    length(f + ".title", s.title(), 100, true, problems);
                    length(f + ".description", s.description(), 500, false, problems);
                    if (s.startTime() == null) {
                        problems.add(new FieldProblem(f + ".start_time", "is required"));
                    }
                    if (s.endTime() == null || s.startTime() != null && !s.endTime().isAfter(s.startTime())) {
                        problems.add(new FieldProblem(f + ".end_time", "is required, after start_time"));
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void length(String field, String value, int max, boolean required, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
        } else if (value.codePointCount(0, value.length()) > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
        }
    }
}
