package dev.recado.campaigns;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Templates for other modules (the console): listed, created and previewed for a contact. */
public interface TemplateManagement {

    /** One channel and language; SMS uses {@code body}, email {@code subject} with {@code html} or {@code text}. */
    record Variant(String channel, String language, String body, String subject, String html, String text,
            String whatsappTemplate, List<String> params) {
    }

    record TemplateView(long id, String name, String purpose, List<Variant> variants, Instant createdAt) {
    }

    /**
     * {@code fixedText}: the smart-encoding rewrite when that keeps the SMS in GSM-7 (offered only to a
     * preview without smart encoding); {@code replacements}: its swaps, made ({@code smart_encoding_applied})
     * or offered.
     */
    record Warning(String code, String message, String placeholder, List<String> characters, String fixedText,
            List<String> replacements) {
    }

    record Preview(String channel, String language, String text, String subject, String encoding, int segments,
            BigDecimal price, String currency, List<Warning> warnings) {
    }

    List<String> channels();

    List<TemplateView> list(long workspaceId, long beforeId, int limit);

    TemplateView require(long workspaceId, long id);

    TemplateView create(long workspaceId, String name, String purpose, List<Variant> variants);

    /** Fields not null replace the saved ones; campaigns already running keep what they started with. */
    TemplateView update(long workspaceId, long id, String name, String purpose, List<Variant> variants);

    /** Refused (409 {@code template_in_use}) while a scheduled, running or paused campaign uses it. */
    void delete(long workspaceId, long id);

    /**
     * A saved template as {@code contactId} would receive it from a campaign ({@code language} null: the
     * contact's): an SMS with smart encoding, so its text, segments and price are the campaign's.
     */
    Preview preview(long workspaceId, long templateId, long contactId, String channel, String language);

    /** Content as typed, not saved, previewed as {@link #preview}; refused with field problems as a new variant would be. */
    Preview previewUnsaved(long workspaceId, String purpose, Variant variant, long contactId);
}
