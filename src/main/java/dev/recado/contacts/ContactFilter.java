package dev.recado.contacts;

import java.time.Instant;

public record ContactFilter(String tag, String text, Instant createdAfter, Instant createdBefore) {
}
