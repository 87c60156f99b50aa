package dev.recado.common;

/**
 * Who is calling the API: a workspace key (read-only or full) or the platform (reseller) key.
 * Controllers take it as a parameter; a workspace caller can only ever reach its own rows.
 */
public record Caller(Long workspaceId, Long apiKeyId, Scope scope) {

    public enum Scope {
        READ, FULL, PLATFORM
    }

    public static Caller platform() {
        return new Caller(null, null, Scope.PLATFORM);
    }

    public boolean isPlatform() {
        return scope == Scope.PLATFORM;
    }

    /** The caller's workspace; the platform key has none and is refused where one is needed. */
    public long workspace() {
        if (workspaceId == null) {
            throw new ApiException(403, "workspace_key_required", "This endpoint needs a workspace API key");
        }
        return workspaceId;
    }
}
