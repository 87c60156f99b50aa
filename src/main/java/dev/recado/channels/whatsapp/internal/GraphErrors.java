package dev.recado.channels.whatsapp.internal;

import dev.recado.messaging.spi.SubmitOutcome;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The Graph error object ({@code {"error": {"code", "message", "error_subcode", "error_data":
 * {"details"}}}}) mapped by its code to what the engine does next. The codes are Meta's; our codes
 * are stable names a client can act on.
 */
final class GraphErrors {

    /** The access token expired or was revoked: nothing sends until the sender gets a new one. */
    static final int TOKEN = 190;

    record Failure(int httpStatus, int code, String message) {
        boolean tokenExpired() {
            return code == TOKEN;
        }
    }

    private GraphErrors() {
    }

    static Failure read(int httpStatus, String body) {
        try {
            JsonNode error = GraphPayloads.JSON.readTree(body).path("error");
            String details = error.path("error_data").path("details").asString("");
            String message = error.path("message").asString("");
            return new Failure(httpStatus, error.path("code").asInt(0),
                    details.isBlank() ? message : message + ": " + details);
        } catch (RuntimeException unreadable) {
            return new Failure(httpStatus, 0, "HTTP " + httpStatus);
        }
    }

    static SubmitOutcome outcome(Failure f) {
        String text = f.code() + " " + f.message();
        return switch (f.code()) {
            // the sender stops dispatching while its token is refused, so the message simply waits for it
            case TOKEN -> new SubmitOutcome.Transient("whatsapp_token_expired", text, false, null);
            // throughput of the number or the app: slow the whole sender down
            case 130429, 4, 80007 -> new SubmitOutcome.Transient("whatsapp_throughput", text, true, Duration.ofSeconds(1));
            // too many messages to this one user: the messages to that user wait, growing; the others go on
            case 131056 -> new SubmitOutcome.Transient("whatsapp_pair_rate", text, false, null, true);
            case 131047 -> new SubmitOutcome.Permanent("outside_customer_service_window", text);
            case 131026 -> new SubmitOutcome.Permanent("undeliverable", text);
            case 131049 -> new SubmitOutcome.Permanent("marketing_limited", text);
            case 131050 -> new SubmitOutcome.Permanent("marketing_opted_out", text);
            case 1, 2, 131000, 131016 -> new SubmitOutcome.Transient("whatsapp_unavailable", text, false, null);
            default -> f.httpStatus() == 429 ? new SubmitOutcome.Transient("whatsapp_throughput", text, true, null)
                    : f.httpStatus() >= 500 || f.httpStatus() == 0
                            ? new SubmitOutcome.Transient("whatsapp_unavailable", text, false, null)
                            : new SubmitOutcome.Permanent("whatsapp_rejected", text);
        };
    }

    /** The same codes as a status webhook's {@code errors[0].code} names them on a failed message. */
    static String receiptCode(int code) {
        return switch (code) {
            case 131047 -> "outside_customer_service_window";
            case 131026 -> "undeliverable";
            case 131049 -> "marketing_limited";
            case 131050 -> "marketing_opted_out";
            case 0 -> "whatsapp_failed";
            default -> "whatsapp_" + code;
        };
    }
}
