package dev.recado.console.internal;

import dev.recado.messaging.SenderDirectory;
import dev.recado.messaging.spi.SettingField;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sender forms as the providers declare them ({@link SettingField}): the form's strings become the
 * API's body (numbers as numbers, lists as lists, what cannot be read passed as it is so the
 * provider's validation names the field), and a sender's settings become the form's strings.
 */
final class SenderForms {

    /** What every sender has besides its provider's settings. */
    private static final Set<String> COMMON = Set.of("name", "rate_per_second", "window");
    private static final String WHOLE = "\\d{1,9}";

    private SenderForms() {
    }

    static Optional<SenderDirectory.ProviderForm> provider(List<SenderDirectory.ProviderForm> all, String provider) {
        return all.stream().filter(p -> p.provider().equals(provider)).findFirst();
    }

    /** The provider's own fields, without the ones every sender has. */
    static List<SettingField> fields(SenderDirectory.ProviderForm provider) {
        return provider.fields().stream().filter(f -> !COMMON.contains(f.name())).toList();
    }

    /**
     * The API body. Adding, a blank field is left out; editing, a blank secret keeps the stored one
     * and a blank setting that had a value removes it (back to the provider's default).
     */
    static Map<String, Object> body(Map<String, String> form, List<SettingField> fields,
            SenderDirectory.SenderView before) {
        Map<String, Object> body = new LinkedHashMap<>();
        String name = form.get("name");
        if (name != null && !name.isBlank()) {
            body.put("name", name.strip());
        } else if (before == null) {
            body.put("name", "");
        }
        for (String common : List.of("rate_per_second", "window")) {
            String value = form.get(common);
            if (value != null && !value.isBlank()) {
                body.put(common, number(value.strip()));
            }
        }
        for (SettingField field : fields) {
            String raw = form.get(field.name());
            if (raw == null || raw.isBlank()) {
                if (before != null && !field.hidden() && before.settings().containsKey(field.name())) {
                    body.put(field.name(), null);
                }
                continue;
            }
            body.put(field.name(), value(field, raw));
        }
        return body;
    }

    private static Object value(SettingField field, String raw) {
        String value = field.kind() == SettingField.Kind.MULTILINE || field.kind() == SettingField.Kind.SECRET_MULTILINE
                ? raw : raw.strip();
        return switch (field.kind()) {
            case NUMBER -> number(value);
            case BOOLEAN -> value.equals("true") || value.equals("false") ? (Object) Boolean.valueOf(value) : value;
            case LIST -> Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
            default -> value;
        };
    }

    private static Object number(String value) {
        return value.matches(WHOLE) ? (Object) Integer.valueOf(value) : value;
    }

    /** The form's values as the sender shows them now (never a secret). */
    static Map<String, String> form(SenderDirectory.SenderView sender) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", sender.name());
        form.put("rate_per_second", Integer.toString(sender.ratePerSecond()));
        form.put("window", Integer.toString(sender.window()));
        sender.settings().forEach((k, v) -> form.put(k, v instanceof List<?> list
                ? String.join(", ", list.stream().map(String::valueOf).toList()) : String.valueOf(v)));
        return form;
    }
}
