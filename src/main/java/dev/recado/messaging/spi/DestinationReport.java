package dev.recado.messaging.spi;

import java.time.Instant;

/**
 * What a provider reported about an address rather than one delivery attempt: a hard bounce (the
 * address cannot receive: later sends to it are refused at acceptance), a soft bounce (counted) or
 * a complaint (the recipient marked a message as spam). {@code providerId} names the message it is
 * about when the report quotes it (email: our Message-ID), else null.
 *
 * @param code the provider's status, e.g. the enhanced status code {@code 5.1.1} of a DSN
 */
public record DestinationReport(String destination, Kind kind, String code, String detail, String providerId,
        Instant at) {

    public enum Kind {
        HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT
    }
}
