package dev.recado.campaigns.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

record MessageTemplate(long id, long workspaceId, String name, String purpose, List<TemplateVariant> variants,
        Instant createdAt) {

    /** The variant for a channel in the contact's language, else the workspace's, else the channel's first. */
    Optional<TemplateVariant> variant(String channel, String language, String fallbackLanguage) {
        List<TemplateVariant> ofChannel = variants.stream().filter(v -> v.channel().equals(channel)).toList();
        return ofChannel.stream()
                .min(Comparator.comparingInt(v -> v.language().equalsIgnoreCase(language == null ? "" : language) ? 0
                        : v.language().equalsIgnoreCase(fallbackLanguage == null ? "" : fallbackLanguage) ? 1 : 2));
    }

    boolean marketing() {
        return "marketing".equals(purpose);
    }
}
