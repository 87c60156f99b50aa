package dev.recado.workspace;

public enum ApiKeyScope {
    READ, FULL;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
