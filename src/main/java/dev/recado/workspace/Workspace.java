package dev.recado.workspace;

import java.time.Instant;

public record Workspace(long id, String name, String defaultCountry, String defaultLanguage, String timezone,
        String currency, String logoUrl, String brandColor, boolean suspended, boolean emailDoubleOptIn,
        Instant createdAt) {
}
