package dev.recado.console.internal;

import dev.recado.common.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A module's refusal laid out for a form: one message per field (shown beside the input), a
 * general message for the rest, and for a duplicate the id of the row that already exists.
 */
record FormErrors(Map<String, String> fields, String general, String existingId) {

    static final FormErrors NONE = new FormErrors(Map.of(), null, null);

    /** Laid out with every text in the reader's language. */
    static FormErrors of(ApiException e, ProblemTexts texts) {
        Map<String, String> fields = new LinkedHashMap<>();
        e.errors().forEach(p -> fields.merge(baseField(p.field()), texts.field(p.message()), (a, b) -> a + "; " + b));
        Object existing = e.extra().get("existing_id");
        return new FormErrors(fields, fields.isEmpty() ? texts.general(e) : null,
                existing == null ? null : existing.toString());
    }

    static FormErrors general(String message) {
        return new FormErrors(Map.of(), message, null);
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public String get(String field) {
        return fields.get(field);
    }

    public boolean any() {
        return !fields.isEmpty() || general != null;
    }

    /** {@code tags[2]} and {@code attributes.vip} belong to the inputs {@code tags} and {@code attributes}. */
    static String baseField(String field) {
        int cut = field.length();
        for (char c : new char[] {'[', '.'}) {
            int at = field.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return field.substring(0, cut);
    }
}
