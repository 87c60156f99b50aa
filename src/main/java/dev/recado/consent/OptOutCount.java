package dev.recado.consent;

import java.time.Instant;

/** How many people opted out of something in the quarter hour starting at {@code from}. */
public record OptOutCount(Instant from, long people) {
}
