package dev.recado.contacts;

import dev.recado.consent.Channel;
import dev.recado.consent.Purpose;
import java.util.List;
import java.util.Map;

/**
 * How to read a CSV import. {@code encoding} and {@code delimiter} null mean "detect";
 * {@code mapping} (header -> field) may be empty; {@code consentChannel} null records no consent.
 */
public record ImportOptions(String fileName, String encoding, Character delimiter, Map<String, String> mapping,
        List<String> tags, Channel consentChannel, Purpose consentPurpose, String consentEvidence,
        boolean updateExisting) {
}
