package dev.recado.channels.whatsapp.internal;

import dev.recado.common.FieldProblem;
import dev.recado.messaging.spi.TemplateSubmission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meta's rules for a template submitted to {@code POST /{waba-id}/message_templates}, checked before
 * anything is sent so a template Meta would refuse at once is refused here, naming the field
 * ({@code components[0].text}, {@code components[2].buttons[1].url}). Meta reviews the wording itself.
 */
public final class TemplateRules {

    static final int MAX_NAME = 512;
    static final int MAX_BODY = 1024;
    static final int MAX_HEADER_TEXT = 60;
    static final int MAX_FOOTER = 60;
    static final int MAX_BUTTON_TEXT = 25;
    static final int MAX_BUTTONS = 10;
    static final int MAX_QUICK_REPLIES = 10;
    static final int MAX_URL_BUTTONS = 2;
    static final int MAX_PHONE_BUTTONS = 1;
    static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");
    private static final Set<String> HEADER_FORMATS = Set.of("TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

    private TemplateRules() {
    }

    public static List<FieldProblem> check(TemplateSubmission t) {
        List<FieldProblem> problems = new ArrayList<>();
        if (t.name() == null || t.name().isBlank()) {
            problems.add(new FieldProblem("name", "is required"));
        } else if (t.name().length() > MAX_NAME || !NAME.matcher(t.name()).matches()) {
            problems.add(new FieldProblem("name", "must be lower-case letters, digits and _ (at most " + MAX_NAME + ")"));
        }
        if (t.language() == null || !LANGUAGE.matcher(t.language()).matches()) {
            problems.add(new FieldProblem("language", "must be a WhatsApp language code such as es, en_US or pt_BR"));
        }
        if (t.category() == null || !CATEGORIES.contains(t.category().toUpperCase(Locale.ROOT))) {
            problems.add(new FieldProblem("category", "must be one of MARKETING, UTILITY, AUTHENTICATION"));
        }
        components(t.components(), problems);
        return problems;
    }

    private static void components(List<Map<String, Object>> components, List<FieldProblem> problems) {
        if (components == null || components.isEmpty()) {
            problems.add(new FieldProblem("components", "needs a BODY component"));
            return;
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < components.size(); i++) {
            Map<String, Object> c = components.get(i);
            String at = "components[" + i + "]";
            String type = text(c, "type").toUpperCase(Locale.ROOT);
            if (!seen.add(type)) {
                problems.add(new FieldProblem(at + ".type", "appears twice; a template has one " + type));
                continue;
            }
            switch (type) {
                case "BODY" -> texted(c, at, MAX_BODY, true, "body_text", problems);
                case "HEADER" -> header(c, at, problems);
                case "FOOTER" -> {
                    length(at + ".text", text(c, "text"), MAX_FOOTER, true, problems);
                    if (!placeholders(text(c, "text")).isEmpty()) {
                        problems.add(new FieldProblem(at + ".text", "a footer takes no placeholders"));
                    }
                }
                case "BUTTONS" -> buttons(c.get("buttons"), at + ".buttons", problems);
                default -> problems.add(new FieldProblem(at + ".type", "must be HEADER, BODY, FOOTER or BUTTONS"));
            }
        }
        if (!seen.contains("BODY")) {
            problems.add(new FieldProblem("components", "needs a BODY component"));
        }
    }

    private static void header(Map<String, Object> c, String at, List<FieldProblem> problems) {
        String format = text(c, "format").toUpperCase(Locale.ROOT);
        if (!HEADER_FORMATS.contains(format)) {
            problems.add(new FieldProblem(at + ".format", "must be TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION"));
        } else if (format.equals("TEXT")) {
            int count = texted(c, at, MAX_HEADER_TEXT, true, "header_text", problems);
            if (count > 1) {
                problems.add(new FieldProblem(at + ".text", "a header takes at most one placeholder"));
            }
        } else if (!format.equals("LOCATION") && !(example(c).get("header_handle") instanceof List<?> h && !h.isEmpty())) {
            problems.add(new FieldProblem(at + ".example.header_handle", "a media header needs a sample uploaded to Meta"));
        }
    }

    /**
     * A text with positional placeholders {{1}}..{{n}} in order of numbers, and an example value
     * for each (BODY: {@code body_text} one list of n; HEADER: {@code header_text} n values).
     * Returns n.
     */
    private static int texted(Map<String, Object> c, String at, int max, boolean required, String exampleKey,
            List<FieldProblem> problems) {
        String text = text(c, "text");
        length(at + ".text", text, max, required, problems);
        List<String> found = placeholders(text);
        TreeSet<Integer> numbers = new TreeSet<>();
        for (String p : found) {
            if (!p.matches("[1-9][0-9]?")) {
                problems.add(new FieldProblem(at + ".text", "placeholder {{" + p + "}} must be a number: {{1}}, {{2}}..."));
                return found.size();
            }
            numbers.add(Integer.parseInt(p));
        }
        if (!numbers.isEmpty() && numbers.last() != numbers.size()) {
            problems.add(new FieldProblem(at + ".text", "placeholders must be numbered {{1}} to {{" + numbers.size()
                    + "}} without gaps"));
            return numbers.size();
        }
        if (numbers.isEmpty()) {
            return 0;
        }
        Object examples = example(c).get(exampleKey);
        if (examples instanceof List<?> outer && exampleKey.equals("body_text") && !outer.isEmpty()) {
            examples = outer.get(0);
        }
        if (!(examples instanceof List<?> values) || values.size() != numbers.size()
                || values.stream().anyMatch(v -> v == null || String.valueOf(v).isBlank())) {
            problems.add(new FieldProblem(at + ".example." + exampleKey, "needs one sample value for each of the "
                    + numbers.size() + " placeholders"));
        }
        return numbers.size();
    }

    private static void buttons(Object value, String at, List<FieldProblem> problems) {
        if (!(value instanceof List<?> buttons) || buttons.isEmpty() || buttons.size() > MAX_BUTTONS) {
            problems.add(new FieldProblem(at, "must list 1 to " + MAX_BUTTONS + " buttons"));
            return;
        }
        int quick = 0;
        int urls = 0;
        int phones = 0;
        for (int i = 0; i < buttons.size(); i++) {
            String field = at + "[" + i + "]";
            if (!(buttons.get(i) instanceof Map<?, ?> raw)) {
                problems.add(new FieldProblem(field, "must be an object"));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> b = (Map<String, Object>) raw;
            length(field + ".text", text(b, "text"), MAX_BUTTON_TEXT, true, problems);
            switch (text(b, "type").toUpperCase(Locale.ROOT)) {
                case "QUICK_REPLY" -> quick++;
                case "URL" -> {
                    urls++;
                    url(b, field, problems);
                }
                case "PHONE_NUMBER" -> {
                    phones++;
                    if (!text(b, "phone_number").matches("\\+?[0-9]{6,20}")) {
                        problems.add(new FieldProblem(field + ".phone_number", "must be a phone number"));
                    }
                }
                default -> problems.add(new FieldProblem(field + ".type", "must be QUICK_REPLY, URL or PHONE_NUMBER"));
            }
        }
        if (quick > MAX_QUICK_REPLIES) {
            problems.add(new FieldProblem(at, "at most " + MAX_QUICK_REPLIES + " quick replies"));
        }
        if (urls > MAX_URL_BUTTONS) {
            problems.add(new FieldProblem(at, "at most " + MAX_URL_BUTTONS + " URL buttons"));
        }
        if (phones > MAX_PHONE_BUTTONS) {
            problems.add(new FieldProblem(at, "at most " + MAX_PHONE_BUTTONS + " phone number button"));
        }
    }

    /** A URL button's link; a {{1}} at its end takes its value at sending and needs an example. */
    private static void url(Map<String, Object> b, String field, List<FieldProblem> problems) {
        String url = text(b, "url");
        if (!url.matches("https?://[^\\s]{3,2000}")) {
            problems.add(new FieldProblem(field + ".url", "must be an http(s) URL"));
            return;
        }
        List<String> found = placeholders(url);
        if (found.isEmpty()) {
            return;
        }
        if (found.size() > 1 || !found.get(0).equals("1") || !url.endsWith("}}")) {
            problems.add(new FieldProblem(field + ".url", "may end with one {{1}}, and take no other placeholder"));
        } else if (!(b.get("example") instanceof List<?> example) || example.size() != 1) {
            problems.add(new FieldProblem(field + ".example", "needs one sample URL for {{1}}"));
        }
    }

    private static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> example(Map<String, Object> c) {
        return c.get("example") instanceof Map<?, ?> e ? (Map<String, Object>) e : Map.of();
    }

    private static String text(Map<String, Object> c, String key) {
        return c.get(key) instanceof String s ? s : "";
    }

    private static void length(String field, String value, int max, boolean required, List<FieldProblem> problems) {
        if (value.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
        } else if (value.length() > max) {
            problems.add(new FieldProblem(field, "is longer than " + max + " characters"));
        }
    }
}
