package dev.recado.contacts;

import java.util.List;
import java.util.Map;

/** Fields a caller may set; null means "not given". In attributes a null value removes the key. */
public record ContactInput(String phone, String email, String firstName, String lastName, String language,
        String timezone, List<String> tags, Map<String, Object> attributes) {
}
