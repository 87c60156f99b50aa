package dev.recado.contacts;

/** A row left out of an import; {@code row} is the line of the file (the header is line 1). */
public record ImportRejection(long row, String reason) {
}
