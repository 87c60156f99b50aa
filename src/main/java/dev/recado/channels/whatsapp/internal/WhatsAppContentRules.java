package dev.recado.channels.whatsapp.internal;

import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ContentPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Cloud API accepts, checked at acceptance so a message the provider would refuse is
 * refused before it is charged, with the field named as the client wrote it
 * ({@code buttons[1].title}, {@code list.sections[0].rows[2].id}, {@code template.header.url}).
 */
public final class WhatsAppContentRules {

    public static final int MAX_TEXT = 4096;
    static final int MAX_CAPTION = 1024;
    static final int MAX_INTERACTIVE_BODY = 1024;
    static final int MAX_BUTTONS = 3;
    static final int MAX_BUTTON_TITLE = 20;
    static final int MAX_SECTIONS = 10;
    static final int MAX_ROWS = 10;
    static final int MAX_TEMPLATE_PARAM = 1024;
    static final int MAX_TEMPLATE_BUTTONS = 10;
    static final int MAX_PRODUCTS = 30;
    static final int MAX_PRODUCT_SECTIONS = 10;

    /** Cloud API limits per media kind, checked before sending when the link tells its size. */
    public static final Map<String, Long> MAX_MEDIA_BYTES = Map.of("image", 5L << 20, "video", 16L << 20, "audio",
            16L << 20, "document", 100L << 20, "sticker", 500L << 10);

    private WhatsAppContentRules() {
    }

    public static ContentPlan plan(Content content) {
        List<FieldProblem> problems = new ArrayList<>();
        switch (content) {
            case Content.Text t -> length("body", t.body(), MAX_TEXT, true, problems);
            case Content.Media m -> {
                if (m.caption() != null && Set.of("audio", "sticker").contains(m.mediaKind())) {
                    problems.add(new FieldProblem("media.caption", "is not allowed on " + m.mediaKind()));
                }
                length("media.caption", m.caption(), MAX_CAPTION, false, problems);
            }
            case Content.TemplateRef t -> template(t, problems);
            case Content.Interactive i -> interactive(i, problems);
            case Content.Location l -> {
                length("location.name", l.name(), 1000, false, problems);
                length("location.address", l.address(), 1000, false, problems);
            }
            case Content.Email e -> problems.add(new FieldProblem("subject", "whatsapp does not carry email content"));
            case Content.Reply r -> problems.add(new FieldProblem("body", "a reply is what a customer sends"));
            case Content.Card c -> problems.add(new FieldProblem("card", "whatsapp does not carry RCS cards; send buttons or a list"));
            case Content.Catalog c -> CatalogRules.check(c, problems);
            case Content.RecadoTemplate t -> problems.add(new FieldProblem("template.id", "is rendered before a channel plans it"));
        }
        return problems.isEmpty() ? ContentPlan.of(1, null) : new ContentPlan(0, null, problems);
    }

    private static void template(Content.TemplateRef t, List<FieldProblem> problems) {
        List<String> params = t.params() == null ? List.of() : t.params();
        for (int i = 0; i < params.size(); i++) {
            length("template.params[" + i + "]", params.get(i), MAX_TEMPLATE_PARAM, true, problems);
        }
        var header = t.header();
        if (header != null) {
            if (header.type() == null || !Set.of("text", "image", "video", "document").contains(header.type())) {
                problems.add(new FieldProblem("template.header.type", "must be one of [text, image, video, document]"));
            } else if (header.type().equals("text")) {
                length("template.header.text", header.text(), 60, true, problems);
            } else if (header.url() == null || !header.url().matches("https?://\\S{1,2000}")) {
                problems.add(new FieldProblem("template.header.url", "must be an http(s) URL of the " + header.type()));
            }
        }
        List<Content.TemplateButton> buttons = t.buttons() == null ? List.of() : t.buttons();
        if (buttons.size() > MAX_TEMPLATE_BUTTONS) {
            problems.add(new FieldProblem("template.buttons", "must be at most " + MAX_TEMPLATE_BUTTONS));
        }
        for (int i = 0; i < buttons.size() && i < MAX_TEMPLATE_BUTTONS; i++) {
            var b = buttons.get(i);
            String field = "template.buttons[" + i + "]";
            if (b.type() == null || !Set.of("quick_reply", "url").contains(b.type())) {
                problems.add(new FieldProblem(field + ".type", "must be one of [quick_reply, url]"));
            }
            if (b.index() != null && (b.index() < 0 || b.index() >= MAX_TEMPLATE_BUTTONS)) {
                problems.add(new FieldProblem(field + ".index", "must be between 0 and " + (MAX_TEMPLATE_BUTTONS - 1)));
            }
            length(field + ".value", b.value(), "url".equals(b.type()) ? 2000 : 256, true, problems);
        }
    }

    private static void interactive(Content.Interactive i, List<FieldProblem> problems) {
        length("body", i.body(), MAX_INTERACTIVE_BODY, true, problems);
        List<Content.Button> buttons = i.buttons() == null ? List.of() : i.buttons();
        List<Content.ListSection> sections = i.sections() == null ? List.of() : i.sections();
        if (!buttons.isEmpty() && !sections.isEmpty()) {
            problems.add(new FieldProblem("list", "a message has reply buttons or a list, not both"));
            return;
        }
        if (!buttons.isEmpty()) {
            if (buttons.size() > MAX_BUTTONS) {
                problems.add(new FieldProblem("buttons", "must be at most " + MAX_BUTTONS));
            }
            Set<String> ids = new HashSet<>();
            for (int n = 0; n < buttons.size(); n++) {
                var b = buttons.get(n);
                if (b == null) {
                    problems.add(new FieldProblem("buttons[" + n + "]", "is required"));
                    continue;
                }
                length("buttons[" + n + "].id", b.id(), 256, true, problems);
                length("buttons[" + n + "].title", b.title(), MAX_BUTTON_TITLE, true, problems);
                if (b.id() != null && !ids.add(b.id())) {
                    problems.add(new FieldProblem("buttons[" + n + "].id", "must differ from the other buttons' ids"));
                }
            }
            return;
        }
        length("list.button", i.listButton(), MAX_BUTTON_TITLE, true, problems);
        if (sections.size() > MAX_SECTIONS) {
            problems.add(new FieldProblem("list.sections", "must be at most " + MAX_SECTIONS));
        }
        int rows = 0;
        Set<String> ids = new HashSet<>();
        for (int s = 0; s < sections.size(); s++) {
            var section = sections.get(s);
            String field = "list.sections[" + s + "]";
            if (section == null) {
                problems.add(new FieldProblem(field, "is required"));
                continue;
            }
            length(field + ".title", section.title(), 24, sections.size() > 1, problems);
            List<Content.ListRow> sectionRows = section.rows() == null ? List.of() : section.rows();
            if (sectionRows.isEmpty()) {
                problems.add(new FieldProblem(field + ".rows", "needs at least one row"));
            }
            for (int r = 0; r < sectionRows.size(); r++) {
                var row = sectionRows.get(r);
                String rowField = field + ".rows[" + r + "]";
                if (row == null) {
                    problems.add(new FieldProblem(rowField, "is required"));
                    continue;
                }
                length(rowField + ".id", row.id(), 200, true, problems);
                length(rowField + ".title", row.title(), 24, true, problems);
                length(rowField + ".description", row.description(), 72, false, problems);
                if (row.id() != null && !ids.add(row.id())) {
                    problems.add(new FieldProblem(rowField + ".id", "must differ from the other rows' ids"));
                }
            }
            rows += sectionRows.size();
        }
        if (rows > MAX_ROWS) {
            problems.add(new FieldProblem("list.sections", "must hold at most " + MAX_ROWS + " rows in all"));
        }
    }

    static void length(String field, String value, int max, boolean required, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
        } else if (value.codePointCount(0, value.length()) > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
        }
    }
}
