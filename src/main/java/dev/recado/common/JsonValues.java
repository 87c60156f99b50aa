package dev.recado.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Type checks for request bodies read as plain maps (provider settings), where Jackson cannot type the fields. */
public final class JsonValues {

    private JsonValues() {
    }

    /** A problem for each named key that is present with anything but a string. */
    public static List<FieldProblem> strings(Map<String, Object> body, String... keys) {
        List<FieldProblem> problems = new ArrayList<>();
        for (String key : keys) {
            Object value = body.get(key);
            if (value != null && !(value instanceof String)) {
                problems.add(new FieldProblem(key, "must be a string"));
            }
        }
        return problems;
    }
}
