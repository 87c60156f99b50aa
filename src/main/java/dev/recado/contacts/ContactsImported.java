package dev.recado.contacts;

/** Published when an import finishes, whatever its outcome. */
public record ContactsImported(long workspaceId, long importId, String status, long created, long updated,
        long rejected) {
}
