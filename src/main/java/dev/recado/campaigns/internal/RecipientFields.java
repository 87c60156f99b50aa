package dev.recado.campaigns.internal;

import dev.recado.contacts.Contact;
import java.util.HashMap;
import java.util.Map;

/** What a template may say about its recipient: {@code {{first_name}}}, {@code {{attributes.city}}}, … */
final class RecipientFields {

    private RecipientFields() {
    }

    /** {@code links}, when given, fill {@code {{unsubscribe_url}}} with the recipient's own link. */
    static Map<String, Object> of(Contact c, RecipientLinks links) {
        Map<String, Object> fields = new HashMap<>();
        put(fields, "first_name", c.firstName());
        put(fields, "last_name", c.lastName());
        put(fields, "phone", c.phone());
        put(fields, "email", c.email());
        put(fields, "language", c.language());
        put(fields, "country", c.country());
        put(fields, "timezone", c.timezone());
        fields.put("attributes", c.attributes() == null ? Map.of() : c.attributes());
        if (links != null) {
            fields.put("unsubscribe_url", links.unsubscribeUrl());
        }
        return fields;
    }

    /** Absent values stay out of the map, so {@code default:} fills them. */
    private static void put(Map<String, Object> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, value);
        }
    }
}
