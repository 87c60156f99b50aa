package dev.recado.contacts.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which contact field each CSV column fills. Common English and Spanish headers are recognised;
 * an explicit mapping wins; any other column becomes a custom attribute named after its header.
 */
final class ImportColumns {

    static final String IGNORE = "ignore";
    private static final List<String> FIELDS = List.of("phone", "email", "first_name", "last_name", "language",
            "timezone", "tags");
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        alias("phone", "phone", "telefono", "movil", "mobile", "celular", "tel", "phone_number", "telefono_movil",
                "numero", "msisdn", "cell", "whatsapp");
        alias("email", "email", "correo", "e_mail", "mail", "correo_electronico", "email_address");
        alias("first_name", "first_name", "nombre", "firstname", "name", "given_name");
        alias("last_name", "last_name", "apellidos", "apellido", "lastname", "surname", "family_name");
        alias("language", "language", "idioma", "lang");
        alias("timezone", "timezone", "zona_horaria", "tz", "time_zone");
        alias("tags", "tags", "etiquetas", "tag", "etiqueta");
    }

    private static void alias(String field, String... names) {
        for (String name : names) {
            ALIASES.put(name, field);
        }
    }

    private ImportColumns() {
    }

    /** One target per header position: a field name, "attributes.x", or {@link #IGNORE}. */
    static List<String> resolve(List<String> headers, Map<String, String> mapping) {
        Map<String, String> explicit = new LinkedHashMap<>();
        mapping.forEach((header, field) -> explicit.put(CsvSource.slug(header), field));
        List<String> targets = new ArrayList<>();
        for (String header : headers) {
            String slug = CsvSource.slug(header == null ? "" : header);
            String target = explicit.get(slug);
            if (target == null) {
                target = slug.startsWith("attributes.") ? slug
                        : ALIASES.containsKey(slug) ? ALIASES.get(slug)
                        : slug.isEmpty() ? IGNORE
                        : "attributes." + attributeName(slug);
            }
            targets.add(target);
        }
        return targets;
    }

    static boolean isKnownTarget(String target) {
        return FIELDS.contains(target) || target.equals(IGNORE) || target.startsWith("attributes.");
    }

    private static String attributeName(String slug) {
        String name = slug.replace('.', '_');
        return Character.isLetter(name.charAt(0)) ? name : "c_" + name;
    }
}
