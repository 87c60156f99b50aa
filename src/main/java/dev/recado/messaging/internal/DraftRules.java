package dev.recado.messaging.internal;

import dev.recado.common.FieldProblem;
import dev.recado.common.WireEnum;
import dev.recado.consent.Purpose;
import dev.recado.messaging.Content;
import dev.recado.messaging.MessageDraft;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks of a draft that need nothing but the draft: every field's shape and range. What needs
 * the database (destination, consent, sender, balance) comes after, for the whole batch at once.
 */
final class DraftRules {

    static final Set<String> CHANNELS = Set.of("auto", "sms", "whatsapp", "email", "rcs", "telegram", "webchat");
    static final Duration DEFAULT_VALIDITY = Duration.ofHours(48);
    static final Duration MAX_VALIDITY = Duration.ofDays(7);
    static final Duration MAX_SCHEDULE = Duration.ofDays(365);
    static final int MAX_TEXT = 4096;
    static final int MAX_REFERENCE = 255;

    private DraftRules() {
    }

    static List<FieldProblem> check(MessageDraft d, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        content(d.content(), problems);
        if (d.to() == null || d.to().isBlank()) {
            problems.add(new FieldProblem("to", "is required: a contact id, a phone number or an email"));
        } else if (d.to().length() > 320) {
            problems.add(new FieldProblem("to", "must be at most 320 characters"));
        }
        if (d.channel() != null && !CHANNELS.contains(d.channel().toLowerCase(Locale.ROOT))
                && !d.channel().equalsIgnoreCase(RouteChooser.CHEAPEST)) {
            problems.add(new FieldProblem("channel",
                    "must be one of [auto, cheapest, sms, whatsapp, email, rcs, telegram, webchat]"));
        }
        if (d.purpose() != null && WireEnum.parse(Purpose.class, d.purpose()).isEmpty()) {
            problems.add(new FieldProblem("purpose", "must be one of [marketing, transactional]"));
        }
        if (d.validitySeconds() != null && (d.validitySeconds() < 60 || d.validitySeconds() > MAX_VALIDITY.toSeconds())) {
            problems.add(new FieldProblem("validity_seconds", "must be between 60 and " + MAX_VALIDITY.toSeconds()));
        }
        if (d.sendAt() != null && d.sendAt().isAfter(now.plus(MAX_SCHEDULE))) {
            problems.add(new FieldProblem("send_at", "must be within a year"));
        }
        if (d.priority() != null && (d.priority() < 0 || d.priority() > 9)) {
            problems.add(new FieldProblem("priority", "must be between 0 and 9"));
        }
        if (d.statusCallback() != null && !d.statusCallback().matches("https?://\\S{1,990}")) {
            problems.add(new FieldProblem("status_callback", "must be an http(s) URL"));
        }
        if (d.metadata() != null && MessageStore.JSON.writeValueAsString(d.metadata()).length() > 4096) {
            problems.add(new FieldProblem("metadata", "must be at most 4 KB of JSON"));
        }
        if (d.from() != null && (d.from().isBlank() || d.from().length() > 64)) {
            problems.add(new FieldProblem("from", "must be a sender id, a sender name or a number"));
        }
        if (d.clientRef() != null && (d.clientRef().isBlank() || d.clientRef().length() > MAX_REFERENCE)) {
            problems.add(new FieldProblem("client_ref", "must be 1 to " + MAX_REFERENCE + " characters"));
        }
        if (d.idempotencyKey() != null && (d.idempotencyKey().isBlank() || d.idempotencyKey().length() > MAX_REFERENCE)) {
            problems.add(new FieldProblem("idempotency_key", "must be 1 to " + MAX_REFERENCE + " characters"));
        }
        return problems;
    }

    /** The shape of each content kind; whether the channel carries it is the channel's to say. */
    private static void content(Content content, List<FieldProblem> problems) {
        switch (content) {
            case null -> problems.add(new FieldProblem("body", "is required"));
            case Content.Text t -> text("body", t.body(), true, problems);
            case Content.Media m -> {
                if (m.mediaKind() == null || !Set.of("image", "video", "audio", "document", "sticker").contains(m.mediaKind())) {
                    problems.add(new FieldProblem("media.kind", "must be one of [image, video, audio, document, sticker]"));
                }
                if (m.id() != null) {
                    if (m.url() != null) {
                        problems.add(new FieldProblem("media.id", "give the media by url or by id, not both"));
                    } else if (!m.id().matches("[A-Za-z0-9_.:-]{1,200}")) {
                        problems.add(new FieldProblem("media.id", "must be the provider's media id"));
                    }
                } else if (m.url() == null || !m.url().matches("https?://\\S{1,2000}")) {
                    problems.add(new FieldProblem("media.url", "must be an http(s) URL"));
                }
                text("media.caption", m.caption(), false, problems);
            }
            case Content.TemplateRef t -> {
                if (t.name() == null || !t.name().matches("[a-z0-9_]{1,512}")) {
                    problems.add(new FieldProblem("template.name", "must be a provider template name (a-z, 0-9, _)"));
                }
                if (t.language() == null || !t.language().matches("[a-z]{2,3}(_[A-Z]{2})?")) {
                    problems.add(new FieldProblem("template.language", "must be a language code such as es or en_US"));
                }
            }
            case Content.RecadoTemplate t -> {
                if (t.params() != null && t.params().size() > 100) {
                    problems.add(new FieldProblem("template.params", "at most 100 values"));
                } else if (t.params() != null) {
                    t.params().forEach((k, v) -> text("template.params." + k, v, false, problems));
                }
            }
            case Content.Interactive i -> {
                text("body", i.body(), true, problems);
                if ((i.buttons() == null || i.buttons().isEmpty()) && (i.sections() == null || i.sections().isEmpty())) {
                    problems.add(new FieldProblem("buttons", "an interactive message needs buttons or a list"));
                }
            }
            case Content.Reply r -> problems.add(new FieldProblem("body", "a reply is what a customer sends; send a body"));
            // each card's fields are the channel's to check (RCS names them card.cards[i]...)
            case Content.Card c -> text("body", c.body(), false, problems);
            // the catalog's fields are the channel's to check (WhatsApp names them product_list.sections[i]...)
            case Content.Catalog c -> text(c.list() ? "product_list.body" : "product.body", c.body(), false, problems);
            case Content.Location l -> {
                if (l.latitude() == null || l.latitude() < -90 || l.latitude() > 90) {
                    problems.add(new FieldProblem("location.latitude", "must be between -90 and 90"));
                }
                if (l.longitude() == null || l.longitude() < -180 || l.longitude() > 180) {
                    problems.add(new FieldProblem("location.longitude", "must be between -180 and 180"));
                }
            }
            case Content.Email e -> {
                if (e.subject() == null || e.subject().isBlank() || e.subject().length() > 998) {
                    problems.add(new FieldProblem("subject", "is required, at most 998 characters"));
                }
                if ((e.html() == null || e.html().isBlank()) && (e.text() == null || e.text().isBlank())) {
                    problems.add(new FieldProblem("body", "an email needs html or a text body"));
                }
            }
        }
    }

    private static void text(String field, String value, boolean required, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
        } else if (value.length() > MAX_TEXT) {
            problems.add(new FieldProblem(field, "must be at most " + MAX_TEXT + " characters"));
        } else if (value.indexOf('\0') >= 0) {
            problems.add(new FieldProblem(field, "must not contain NUL characters"));
        }
    }
}
