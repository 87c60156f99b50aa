package dev.recado.campaigns.internal;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * H2's versions of the SQL functions {@code recado_attr} and {@code recado_attr_num} (see
 * {@code V30_1__AttributeFunctions}); PostgreSQL has its own over jsonb. Public because H2 calls
 * them by name.
 */
public final class AttributeFunctions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AttributeFunctions() {
    }

    public static String text(String doc, String name) {
        JsonNode value = value(doc, name);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asString() : value.toString();
    }

    public static BigDecimal number(String doc, String name) {
        JsonNode value = value(doc, name);
        return value != null && value.isNumber() ? value.decimalValue() : null;
    }

    private static JsonNode value(String doc, String name) {
        if (doc == null || name == null) {
            return null;
        }
        return JSON.readTree(doc).get(name);
    }
}
