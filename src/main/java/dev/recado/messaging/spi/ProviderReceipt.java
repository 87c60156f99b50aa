package dev.recado.messaging.spi;

import java.time.Instant;

/** A delivery report for one part, keyed by the provider id returned at submit. */
public record ProviderReceipt(String providerId, ReceiptState state, String errorCode, String errorText,
        Instant doneAt) {

    public enum ReceiptState {
        DELIVERED, UNDELIVERED, EXPIRED, REJECTED, READ, ACCEPTED, UNKNOWN
    }
}
