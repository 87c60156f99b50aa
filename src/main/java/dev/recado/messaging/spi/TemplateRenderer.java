package dev.recado.messaging.spi;

import dev.recado.contacts.Contact;
import dev.recado.messaging.Content;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders Recado templates ({@link Content.RecadoTemplate}) for messages: the campaigns module,
 * which owns templates, implements it, so messaging needs no dependency on campaigns. Acceptance
 * asks once per batch (and once per round of a channel order) for all the drafts that carry one.
 */
public interface TemplateRenderer {

    /** A template variant missing for the channel: a channel order moves on to its next channel. */
    String VARIANT_MISSING = "template_variant_missing";

    /**
     * {@code marketing}: the message's purpose, which adds an SMS opt-out footer. {@code campaignId}:
     * the campaign a message belongs to (null outside campaigns), whose links and content it carries.
     */
    record Request(String templateId, String channel, Contact contact, boolean marketing, Map<String, String> params,
            Long campaignId) {

        public Request(String templateId, String channel, Contact contact, boolean marketing, Map<String, String> params) {
            this(templateId, channel, contact, marketing, params, null);
        }
    }

    /** The content for the channel, or a refusal ({@code code}, the {@code field} it names, {@code detail}). */
    record Result(Content content, String code, String field, String detail) {

        public static Result of(Content content) {
            return new Result(content, null, null, null);
        }

        public static Result refused(String code, String field, String detail) {
            return new Result(null, code, field, detail);
        }
    }

    /** Of {@code templateIds} (public ids), those that are not templates of the workspace. */
    Set<String> unknown(long workspaceId, Set<String> templateIds);

    /** One result per request, in order. */
    List<Result> render(long workspaceId, List<Request> requests);
}
