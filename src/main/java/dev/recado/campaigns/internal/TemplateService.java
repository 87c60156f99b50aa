package dev.recado.campaigns.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactManagement;
import dev.recado.messaging.SendEstimates;
import dev.recado.workspace.WorkspaceManagement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Creating, reading and previewing templates. */
@Service
class TemplateService {

    /** Every channel, in the order the engine breaks a {@code cheapest} price tie in. */
    static final List<String> CHANNEL_ORDER = List.of("sms", "whatsapp", "email", "rcs", "telegram", "webchat");
    static final Set<String> CHANNELS = Set.copyOf(CHANNEL_ORDER);
    static final Set<String> PURPOSES = Set.of("marketing", "transactional");
    private static final int MAX_TEXT = 5_000;

    record TemplatePreview(String channel, String language, String text, String subject, String encoding, int segments,
            java.math.BigDecimal price, String currency, List<Warning> warnings) {
    }

    /**
     * {@code placeholder} for unknown ones; {@code characters} for {@code ucs2_characters} (and its fix fields)
     * and for {@code smart_encoding_applied} (with {@code replacements}, the swaps made). See {@link SmsPreview}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Warning(String code, String message, String placeholder, List<String> characters, String fix,
            String fixedText, Integer fixedSegments, List<String> replacements) {

        static Warning of(String code, String message) {
            return new Warning(code, message, null, null, null, null, null, null);
        }
    }

    private final TemplateStore store;
    private final ContactManagement contacts;
    private final WorkspaceManagement workspaces;
    private final SendEstimates prices;
    private final TrackedLinks links;
    private final ContentInUse inUse;
    private final Clock clock;

    TemplateService(TemplateStore store, ContactManagement contacts, WorkspaceManagement workspaces, SendEstimates prices,
            TrackedLinks links, ContentInUse inUse, Clock clock) {
        this.inUse = inUse;
        this.links = links;
        this.store = store;
        this.contacts = contacts;
        this.workspaces = workspaces;
        this.prices = prices;
        this.clock = clock;
    }

    MessageTemplate create(long workspaceId, String name, String purpose, List<TemplateVariant> variants) {
        List<FieldProblem> problems = check(name, purpose, variants);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return store.insert(workspaceId, name.strip(), purpose == null ? "marketing" : purpose, List.copyOf(variants),
                clock.instant());
    }

    /**
     * A PATCH: each field given replaces the saved one ({@code variants} as a whole list), checked as
     * a new template would be. Campaigns already running keep their copy ({@link CampaignSnapshots}).
     */
    MessageTemplate update(long workspaceId, long id, String name, String purpose, List<TemplateVariant> variants) {
        MessageTemplate saved = require(workspaceId, id);
        String n = name != null ? name : saved.name();
        String p = purpose != null ? purpose : saved.purpose();
        List<TemplateVariant> v = variants != null ? variants : saved.variants();
        List<FieldProblem> problems = check(n, p, v);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        var updated = new MessageTemplate(id, workspaceId, n.strip(), p, List.copyOf(v), saved.createdAt());
        if (!store.update(updated)) {
            throw ApiException.notFound("Template"); // deleted meanwhile
        }
        return updated;
    }

    /** Refused while a campaign that may still send uses it; the row stays for the campaigns that did. */
    @org.springframework.transaction.annotation.Transactional
    void delete(long workspaceId, long id) {
        require(workspaceId, id);
        inUse.refuseTemplate(workspaceId, id);
        store.delete(workspaceId, id, clock.instant());
    }

    private static List<FieldProblem> check(String name, String purpose, List<TemplateVariant> variants) {
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add(new FieldProblem("name", "is required, at most 200 characters"));
        }
        String p = purpose == null ? "marketing" : purpose;
        if (!PURPOSES.contains(p)) {
            problems.add(new FieldProblem("purpose", "must be marketing or transactional"));
        }
        if (variants == null || variants.isEmpty()) {
            problems.add(new FieldProblem("variants", "needs at least one variant"));
        } else if (variants.size() > 50) {
            problems.add(new FieldProblem("variants", "at most 50 variants"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < variants.size(); i++) {
                checkVariant("variants[" + i + "]", variants.get(i), seen, problems);
            }
        }
        return problems;
    }

    private static void checkVariant(String at, TemplateVariant v, Set<String> seen, List<FieldProblem> problems) {
        if (v == null) {
            problems.add(new FieldProblem(at, "must be an object"));
            return;
        }
        if (v.channel() == null || !CHANNELS.contains(v.channel())) {
            problems.add(new FieldProblem(at + ".channel", "must be one of " + new java.util.TreeSet<>(CHANNELS)));
        }
        if (v.language() == null || !v.language().matches("[a-z]{2}(-[A-Za-z]{2})?")) {
            problems.add(new FieldProblem(at + ".language", "must be a language code such as es or pt-BR"));
        } else if (v.channel() != null && !seen.add(v.channel() + "/" + v.language())) {
            problems.add(new FieldProblem(at + ".language", "repeats another variant's channel and language"));
        }
        switch (v.channel() == null ? "" : v.channel()) {
            case "email" -> {
                require(at + ".subject", v.subject(), problems);
                if (blank(v.html()) && blank(v.text())) {
                    problems.add(new FieldProblem(at + ".text", "an email variant needs html or text"));
                }
            }
            case "whatsapp" -> require(at + ".whatsapp_template", v.whatsappTemplate(), problems);
            default -> require(at + ".body", v.body(), problems);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("body", v.body());
        parts.put("subject", v.subject());
        parts.put("html", v.html());
        parts.put("text", v.text());
        if (v.params() != null) {
            for (int i = 0; i < v.params().size(); i++) {
                parts.put("params[" + i + "]", v.params().get(i));
            }
        }
        parts.forEach((field, text) -> {
            if (text == null) {
                return;
            }
            if (text.length() > MAX_TEXT) {
                problems.add(new FieldProblem(at + "." + field, "at most " + MAX_TEXT + " characters"));
                return;
            }
            try {
                CompiledVariant.compile(new TemplateVariant("sms", "es", text, null, null, null, null, null));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(at + "." + field, e.getMessage()));
            }
        });
    }

    private static void require(String field, String value, List<FieldProblem> problems) {
        if (blank(value)) {
            problems.add(new FieldProblem(field, "is required"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    MessageTemplate require(long workspaceId, long id) {
        return store.find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Template"));
    }

    List<MessageTemplate> list(long workspaceId, long beforeId, int limit) {
        return store.list(workspaceId, beforeId, limit);
    }

    /**
     * Content not saved yet (an editor's text as typed): checked as a template's variant, then previewed
     * with smart encoding, as the campaign it is written for will send it.
     */
    TemplatePreview previewUnsaved(long workspaceId, String purpose, TemplateVariant variant, long contactId) {
        List<FieldProblem> problems = new ArrayList<>();
        String p = purpose == null ? "marketing" : purpose;
        if (!PURPOSES.contains(p)) {
            problems.add(new FieldProblem("purpose", "must be marketing or transactional"));
        }
        checkVariant("variants[0]", variant, new HashSet<>(), problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        var template = new MessageTemplate(0, workspaceId, "", p, List.of(variant), clock.instant());
        return preview(workspaceId, template, contactId, variant.channel(), variant.language(), true);
    }

    /**
     * The message {@code contactId} would get, priced at the segments it would be sent in: an SMS is planned
     * with {@code smartEncoding} as the send will be ({@link SmsPreview}), and its text is the body sent.
     */
    TemplatePreview preview(long workspaceId, MessageTemplate template, long contactId, String channel, String language,
            boolean smartEncoding) {
        Contact contact = contacts.require(workspaceId, contactId);
        String fallback = workspaces.require(workspaceId).defaultLanguage();
        String wanted = language != null ? language : contact.language() != null ? contact.language() : fallback;
        TemplateVariant source = template.variant(channel, wanted, fallback)
                .orElseThrow(() -> ApiException.invalid("channel", "the template has no " + channel + " variant"));
        CompiledVariant variant = CompiledVariant.compile(source);
        Contact asLanguage = language == null ? contact : withLanguage(contact, language);
        // sample links of the real length, never stored: segments and price come out as the campaign's will
        RecipientLinks sample = links.forRecipient(contact.id());
        RenderedContent rendered = RenderedContent.of(variant, template.marketing(), asLanguage, fallback, sample);
        List<Warning> warnings = new ArrayList<>();
        variant.unknownPlaceholders(RecipientFields.of(contact, sample)).forEach(name -> warnings.add(new Warning(
                "unknown_placeholder", "{{" + name + "}} has no value for this contact; it renders empty unless it has"
                + " a default", name, null, null, null, null, null)));
        String text = rendered.text();
        String encoding = null;
        int segments = 1;
        if ("sms".equals(channel)) {
            SmsPreview sms = SmsPreview.of(rendered.text(), smartEncoding);
            text = sms.plan().text();
            encoding = sms.plan().encoding().toString();
            segments = sms.plan().segments();
            warnings.addAll(sms.warnings());
            if (template.marketing() && !OptOutFooter.present(source.body())) {
                warnings.add(Warning.of("opt_out_added",
                        "A marketing SMS needs opt-out text; the footer was added for this contact's language"));
            }
        }
        // the price row the send would use: a WhatsApp template's is whatsapp:<category>, never plain "whatsapp"
        String priceChannel = prices.terms(workspaceId, channel, source.whatsappTemplate(), source.language(),
                clock.instant()).priceChannel();
        var quote = prices.quote(workspaceId, priceChannel, contact.phone() != null ? contact.phone() : "", segments);
        return new TemplatePreview(channel, source.language(), text,
                rendered.content() instanceof dev.recado.messaging.Content.Email e ? e.subject() : null,
                encoding, segments, quote.total(), quote.currency(), warnings);
    }

    private static Contact withLanguage(Contact c, String language) {
        return new Contact(c.id(), c.workspaceId(), c.phone(), c.email(), c.firstName(), c.lastName(), language,
                c.timezone(), c.country(), c.tags(), c.attributes(), c.createdAt(), c.updatedAt(), c.erasedAt());
    }
}
