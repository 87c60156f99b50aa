package dev.recado.workspace;

/** A PATCH of a workspace; null means "leave as is". */
public record WorkspaceChanges(String name, String logoUrl, String brandColor, Boolean suspended,
        String defaultCountry, String defaultLanguage, String timezone, Boolean emailDoubleOptIn,
        Boolean allowPrivateHosts) {

    public WorkspaceChanges(String name, String logoUrl, String brandColor, Boolean suspended, String defaultCountry,
            String defaultLanguage, String timezone, Boolean emailDoubleOptIn) {
        this(name, logoUrl, brandColor, suspended, defaultCountry, defaultLanguage, timezone, emailDoubleOptIn, null);
    }
}
