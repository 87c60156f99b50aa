package dev.recado.contacts;

/** A CSV row an import refused, and why. */
public record ImportRejection(long row, String reason) {
}
