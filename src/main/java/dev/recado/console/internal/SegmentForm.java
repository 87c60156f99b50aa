package dev.recado.console.internal;

import dev.recado.campaigns.SegmentManagement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The segment editor's fields: a name, all/any, and condition rows posted as parallel lists. A row
 * without a field is no condition. Values are typed as the API expects them: a whole number of
 * days for within_days, true/false for exists, a number for an attribute compared as one.
 */
record SegmentForm(String name, String match, List<String> field, List<String> op, List<String> value) {

    static final int ROWS = 5;
    /** What a condition may test, offered in the editor (attributes.<name> for any attribute). */
    static final List<String> FIELDS = Stream.concat(Stream.of("tag", "first_name", "last_name",
            "language", "country", "timezone", "phone", "email", "created_at", "last_inbound_at", "last_outbound_at",
            "attributes."), Stream.of("sms", "whatsapp", "email").map(channel -> "consent." + channel + ".marketing"))
            .toList();
    static final List<String> OPS = List.of("has", "not_has", "eq", "neq", "gt", "lt", "exists", "within_days");

    static final SegmentForm BLANK = new SegmentForm(null, "all", List.of("tag"), List.of("has"), List.of(""));

    /** A saved segment in the editor, with as many rows as it has conditions (at least the usual five). */
    static SegmentForm of(SegmentManagement.SegmentView s) {
        List<String> fields = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (var c : s.conditions()) {
            fields.add(c.field());
            ops.add(c.op());
            values.add(c.value() == null ? "" : String.valueOf(c.value()));
        }
        return new SegmentForm(s.name(), s.match(), fields, ops, values);
    }

    public int rows() {
        return Math.max(ROWS, field == null ? 0 : field.size());
    }

    public String at(List<String> values, int i) {
        return values != null && i < values.size() && values.get(i) != null ? values.get(i) : "";
    }

    List<SegmentManagement.Condition> conditions() {
        List<SegmentManagement.Condition> conditions = new ArrayList<>();
        for (int i = 0; i < rows(); i++) {
            String f = at(field, i).strip();
            if (!f.isEmpty()) {
                String o = at(op, i);
                conditions.add(new SegmentManagement.Condition(f, o, typed(f, o, at(value, i).strip())));
            }
        }
        return conditions;
    }

    String nameOrNull() {
        return name == null || name.isBlank() ? null : name;
    }

    private static Object typed(String field, String op, String value) {
        if (value.isEmpty()) {
            return "exists".equals(op) ? Boolean.TRUE : null;
        }
        switch (op) {
            case "exists":
                return "true".equalsIgnoreCase(value) ? Boolean.TRUE
                        : "false".equalsIgnoreCase(value) ? Boolean.FALSE : value;
            case "within_days":
                try {
                    return Integer.valueOf(value);
                } catch (NumberFormatException e) {
                    return value;
                }
            default:
                if (field.startsWith("attributes.") && value.matches("-?\\d+(\\.\\d+)?")) {
                    return new BigDecimal(value);
                }
                return value;
        }
    }
}
