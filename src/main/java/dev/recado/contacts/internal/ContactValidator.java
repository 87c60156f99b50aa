package dev.recado.contacts.internal;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.contacts.ContactInput;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks and normalises contact fields the same way for the API and for CSV rows, so an import
 * can never store what the API would refuse.
 */
public final class ContactValidator {

    /** The normalised fields; null means "not given" exactly as in the input. */
    public record Clean(String phone, String email, String firstName, String lastName, String language,
            String timezone, String country, List<String> tags, Map<String, Object> attributes) {
    }

    public record Result(Clean clean, List<FieldProblem> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern TAG = Pattern.compile("^[\\p{L}\\p{N}_:\\- ]{1,64}$");
    private static final Pattern ATTRIBUTE = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
    private static final int MAX_TAGS = 50;
    private static final int MAX_ATTRIBUTES = 100;

    private final String defaultCountry;
    private final String workspaceZone;
    private final AttributeDefinitions definitions;

    public ContactValidator(String defaultCountry, String workspaceZone, AttributeDefinitions definitions) {
        this.defaultCountry = defaultCountry;
        this.workspaceZone = workspaceZone;
        this.definitions = definitions;
    }

    public Result check(ContactInput in) {
        List<FieldProblem> problems = new ArrayList<>();
        String phone = null;
        String country = null;
        String zone = null;
        if (in.phone() != null && !in.phone().isBlank()) {
            var normalized = PhoneNumbers.normalize(in.phone(), defaultCountry, workspaceZone);
            if (normalized.isEmpty()) {
                problems.add(new FieldProblem("phone", PhoneNumbers.problem(in.phone(), defaultCountry)));
            } else {
                phone = normalized.get().e164();
                country = normalized.get().country();
                zone = normalized.get().timezone();
            }
        }
        String email = null;
        if (in.email() != null && !in.email().isBlank()) {
            email = in.email().strip().toLowerCase(Locale.ROOT);
            if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
                problems.add(new FieldProblem("email", "is not a valid email address"));
            }
        }
        String first = name(in.firstName(), "first_name", problems);
        String last = name(in.lastName(), "last_name", problems);
        String language = null;
        if (in.language() != null) {
            language = in.language().strip().toLowerCase(Locale.ROOT);
            if (!language.matches("[a-z]{2}")) {
                problems.add(new FieldProblem("language", "must be an ISO 639-1 code such as es"));
            }
        }
        if (in.timezone() != null && !in.timezone().isBlank()) {
            try {
                zone = ZoneId.of(in.timezone().strip()).getId();
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("timezone", "must be an IANA time zone such as Europe/Madrid"));
            }
        }
        List<String> tags = tags(in.tags(), problems);
        Map<String, Object> attributes = attributes(in.attributes(), problems);
        return new Result(new Clean(phone, email, first, last, language, zone, country, tags, attributes), problems);
    }

    private static String name(String value, String field, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > 200) {
            problems.add(new FieldProblem(field, "must be at most 200 characters"));
        }
        return stripped;
    }

    /** One tag as stored (trimmed, lower case), or the 422 naming {@code field}. */
    public static String tag(String tag, String field) {
        String clean = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
        if (!TAG.matcher(clean).matches()) {
            throw ApiException.invalid(field, "must be 1 to 64 letters, digits, spaces, _ : or -");
        }
        return clean;
    }

    private static List<String> tags(List<String> tags, List<FieldProblem> problems) {
        if (tags == null) {
            return null;
        }
        var clean = new LinkedHashSet<String>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i) == null ? "" : tags.get(i).strip().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(tag).matches()) {
                problems.add(new FieldProblem("tags[" + i + "]", "must be 1 to 64 letters, digits, spaces, _ : or -"));
            } else {
                clean.add(tag);
            }
        }
        if (clean.size() > MAX_TAGS) {
            problems.add(new FieldProblem("tags", "at most " + MAX_TAGS + " tags"));
        }
        return List.copyOf(clean);
    }

    private Map<String, Object> attributes(Map<String, Object> attributes, List<FieldProblem> problems) {
        if (attributes == null) {
            return null;
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            problems.add(new FieldProblem("attributes", "at most " + MAX_ATTRIBUTES + " attributes"));
            return Map.of();
        }
        Map<String, Object> clean = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            String field = "attributes." + name;
            if (!ATTRIBUTE.matcher(name).matches()) {
                problems.add(new FieldProblem(field, "names are lower-case letters, digits and _, starting with a letter"));
                return;
            }
            if (value == null) {
                clean.put(name, null);
                return;
            }
            if (value instanceof Map || value instanceof List) {
                problems.add(new FieldProblem(field, "must be a string, number, boolean or date"));
                return;
            }
            AttributeType type = definitions.typeOf(name).orElseGet(() -> AttributeType.infer(value));
            Object typed = type.coerce(value);
            if (typed == null) {
                problems.add(new FieldProblem(field, "must be a " + type + " (the attribute is defined as " + type + ")"));
                return;
            }
            if (typed instanceof String s && s.length() > 1000) {
                problems.add(new FieldProblem(field, "must be at most 1000 characters"));
                return;
            }
            definitions.define(name, type);
            clean.put(name, typed);
        });
        return clean;
    }
}
