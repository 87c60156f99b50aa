package dev.recado.messaging.spi;

import java.util.List;
import java.util.Map;

/**
 * A template to submit for the provider's review, as the API took it: {@code components} in the
 * provider's own shape (WhatsApp: {@code HEADER}, {@code BODY}, {@code FOOTER}, {@code BUTTONS} with
 * their examples), checked by {@link ChannelAdapterFactory#checkTemplate} before anything is sent.
 */
public record TemplateSubmission(String name, String language, String category, List<Map<String, Object>> components) {
}
