package dev.recado.campaigns.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One channel and language of a template: SMS body, email parts or a WhatsApp template reference. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TemplateVariant(String channel, String language, String body, String subject, String html, String text,
        String whatsappTemplate, List<String> params) {
}
