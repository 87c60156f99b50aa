package dev.recado.channels.rcs.internal;

import dev.recado.messaging.spi.SubmitOutcome;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Google's error object ({@code {"error": {"code", "message", "status"}}}) mapped by HTTP status to
 * what the engine does next. 404 (not RCS-capable) is the adapter's own case.
 */
final class RbmErrors {

    private RbmErrors() {
    }

    static SubmitOutcome outcome(int status, String body) {
        String text = status + " " + message(body);
        return switch (status) {
            case 401, 403 -> new SubmitOutcome.Transient("rcs_unauthorized", text, false, null);
            case 429 -> new SubmitOutcome.Transient("rcs_throttled", text, true, Duration.ofSeconds(1));
            default -> status >= 500 || status == 408
                    ? new SubmitOutcome.Transient("rcs_unavailable", text, false, null)
                    : new SubmitOutcome.Permanent("rcs_rejected", text);
        };
    }

    private static String message(String body) {
        try {
            JsonNode error = RbmPayloads.JSON.readTree(body).path("error");
            return error.path("status").asString("") + ": " + error.path("message").asString("");
        } catch (RuntimeException unreadable) {
            return "";
        }
    }
}
