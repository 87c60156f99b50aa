package dev.recado.messaging.spi;

import java.io.IOException;

/** A file a customer sent, as the adapter downloaded it into the file the engine gave it. */
public record InboundMedia(String mimeType, long size, String sha256) {

    /**
     * The file will never come (larger than the channel's limit, its digest does not match, the
     * provider says it is gone): the engine marks it failed instead of retrying.
     */
    public static final class Refused extends IOException {
        public Refused(String message) {
            super(message);
        }
    }
}
