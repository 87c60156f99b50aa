package dev.recado.contacts;

import dev.recado.consent.Channel;
import dev.recado.consent.Purpose;
import java.util.List;
import java.util.Map;

/**
 * How to read an import: encoding and delimiter (null = detect), header to field mapping (on top of
 * the headers we recognise), tags for every row, and the consent evidence the rows carry.
 */
public record ImportOptions(String fileName, String encoding, Character delimiter, Map<String, String> mapping,
        List<String> tags, Channel consentChannel, Purpose consentPurpose, String consentEvidence,
        boolean updateExisting) {
}
