package dev.recado.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

public record Contact(long id, long workspaceId, String phone, String email, String firstName, String lastName,
        String language, String timezone, String country, List<String> tags, Map<String, Object> attributes,
        Instant createdAt, Instant updatedAt, Instant erasedAt) {

    public boolean erased() {
        return erasedAt != null;
    }

    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return !name.isEmpty() ? name : phone != null ? phone : email != null ? email : "#" + id;
    }
}
