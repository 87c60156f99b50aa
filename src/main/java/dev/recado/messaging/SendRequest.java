package dev.recado.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /v1/messages}. {@code to} is a contact id, an E.164 (or national) phone, or an email;
 * {@code strictly_necessary} marks a message (an OTP the person asked for) that an opt-out of
 * transactional messages must not block.
 */
public record SendRequest(String to, String channel, String from, String body, Map<String, Object> template,
        String purpose, Instant sendAt, Integer validitySeconds, Integer priority, Map<String, Object> metadata,
        String statusCallback, Boolean smartEncoding, Boolean strictlyNecessary) {
}
