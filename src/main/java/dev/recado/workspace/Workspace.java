package dev.recado.workspace;

import java.time.Instant;

/**
 * A tenant. {@code allowPrivateHosts}: the platform operator let this workspace reach internal
 * addresses (an on-premises SMSC, a webhook on the LAN); only the platform key can set it.
 */
public record Workspace(long id, String name, String defaultCountry, String defaultLanguage, String timezone,
        String currency, String logoUrl, String brandColor, boolean suspended, boolean emailDoubleOptIn,
        Instant createdAt, boolean allowPrivateHosts) {

    public Workspace(long id, String name, String defaultCountry, String defaultLanguage, String timezone,
            String currency, String logoUrl, String brandColor, boolean suspended, boolean emailDoubleOptIn,
            Instant createdAt) {
        this(id, name, defaultCountry, defaultLanguage, timezone, currency, logoUrl, brandColor, suspended,
                emailDoubleOptIn, createdAt, false);
    }
}
