package dev.recado.contacts.internal;

import dev.recado.common.FieldProblem;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.NewConsent;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ImportOptions;
import dev.recado.contacts.ImportRejection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes one batch of import rows: looks up every phone and email of the batch in one query,
 * inserts the new contacts with ids reserved in one round trip, updates the known ones, adds tags
 * and consent evidence, and moves the import's progress, all in one transaction.
 */
@Component
class ImportBatch {

    /** A CSV row after validation: its line, and either the clean fields or why it was refused. */
    record Row(long line, ContactValidator.Clean clean, String rejection) {
    }

    /** Counts of one committed batch. */
    record Outcome(int created, int updated, int rejected) {
    }

    private final ContactRepository contacts;
    private final ImportRepository imports;
    private final ConsentManagement consent;
    private final Clock clock;

    ImportBatch(ContactRepository contacts, ImportRepository imports, ConsentManagement consent, Clock clock) {
        this.contacts = contacts;
        this.imports = imports;
        this.consent = consent;
        this.clock = clock;
    }

    static Row validate(long line, ContactInput input, ContactValidator validator) {
        var result = validator.check(input);
        if (!result.valid()) {
            return new Row(line, null, result.problems().stream().map(ImportBatch::describe)
                    .collect(Collectors.joining("; ")));
        }
        var clean = result.clean();
        if (clean.phone() == null && clean.email() == null) {
            return new Row(line, null, "no phone and no email");
        }
        if (clean.firstName() != null && clean.firstName().indexOf('\uFFFD') >= 0
                || clean.lastName() != null && clean.lastName().indexOf('\uFFFD') >= 0) {
            return new Row(line, null, "text is not valid in the declared encoding (try encoding=latin-1)");
        }
        return new Row(line, clean, null);
    }

    private static String describe(FieldProblem p) {
        return p.field() + " " + p.message();
    }

    /**
     * Thrown before anything is written when a batch written beside another finds contacts that
     * exist already: what it would merge into them may be about to change, so it waits its turn.
     */
    static final class NeedsTurn extends RuntimeException {
        NeedsTurn() {
            super("the batch updates existing contacts", null, false, false);
        }
    }

    /**
     * Writes one batch in one transaction. {@code alone} says the batches before it have committed;
     * otherwise it may only create contacts, and {@code awaitTurn} runs before its progress is
     * recorded, so batches commit in file order and a resumed import skips exactly what committed.
     */
    @Transactional
    Outcome write(long workspaceId, long importId, ImportOptions options, String defaultLanguage, String defaultZone,
            String defaultCountry, List<Row> rows, long rowsReadAfter, Map<String, AttributeType> newAttributes,
            boolean alone, Runnable awaitTurn) {
        Instant now = clock.instant();
        List<ImportRejection> rejections = new ArrayList<>();
        Set<String> phones = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        for (Row row : rows) {
            if (row.rejection() != null) {
                rejections.add(new ImportRejection(row.line(), row.rejection()));
            } else {
                if (row.clean().phone() != null) {
                    phones.add(row.clean().phone());
                }
                if (row.clean().email() != null) {
                    emails.add(row.clean().email());
                }
            }
        }
        Map<String, Contact> byPhone = new HashMap<>();
        Map<String, Contact> byEmail = new HashMap<>();
        for (Contact c : contacts.findByIdentity(workspaceId, phones, emails)) {
            if (c.phone() != null) {
                byPhone.put(c.phone(), c);
            }
            if (c.email() != null) {
                byEmail.put(c.email(), c);
            }
        }
        if (!alone && !(byPhone.isEmpty() && byEmail.isEmpty())) {
            throw new NeedsTurn();
        }
        // a later row with the same phone or email as an earlier one of this batch updates that row
        Map<String, ContactRepository.Row> pendingByPhone = new HashMap<>();
        Map<String, ContactRepository.Row> pendingByEmail = new HashMap<>();
        Map<Long, ContactRepository.Row> inserts = new LinkedHashMap<>();
        Map<Long, ContactRepository.Row> updates = new LinkedHashMap<>();
        Map<Long, Set<String>> tags = new LinkedHashMap<>();
        List<Row> valid = rows.stream().filter(r -> r.rejection() == null).toList();
        List<Long> ids = contacts.reserveIds(Math.max(1, valid.size()));
        int nextId = 0;
        for (Row row : valid) {
            var c = row.clean();
            Long target = null;
            ContactRepository.Row base = null;
            Contact existingByPhone = c.phone() == null ? null : byPhone.get(c.phone());
            Contact existingByEmail = c.email() == null ? null : byEmail.get(c.email());
            ContactRepository.Row pendingPhone = c.phone() == null ? null : pendingByPhone.get(c.phone());
            ContactRepository.Row pendingEmail = c.email() == null ? null : pendingByEmail.get(c.email());
            Long phoneOwner = existingByPhone != null ? Long.valueOf(existingByPhone.id()) : pendingPhone != null ? pendingPhone.id() : null;
            Long emailOwner = existingByEmail != null ? Long.valueOf(existingByEmail.id()) : pendingEmail != null ? pendingEmail.id() : null;
            if (phoneOwner != null && emailOwner != null && !phoneOwner.equals(emailOwner)) {
                rejections.add(new ImportRejection(row.line(), "the phone belongs to one contact and the email to another"));
                continue;
            }
            target = phoneOwner != null ? phoneOwner : emailOwner;
            if (target != null && !options.updateExisting() && !inserts.containsKey(target)) {
                rejections.add(new ImportRejection(row.line(), "a contact with this phone or email already exists"));
                continue;
            }
            if (target != null) {
                base = inserts.containsKey(target) ? inserts.get(target) : updates.get(target);
                if (base == null) {
                    Contact existing = existingByPhone != null ? existingByPhone : existingByEmail;
                    base = new ContactRepository.Row(existing.id(), workspaceId, existing.phone(), existing.email(),
                            existing.firstName(), existing.lastName(), existing.language(), existing.timezone(),
                            existing.country(), existing.attributes());
                }
            }
            ContactRepository.Row merged = merge(base, target == null ? ids.get(nextId++) : target, workspaceId, c,
                    defaultLanguage, defaultZone, defaultCountry);
            if (target == null || inserts.containsKey(target)) {
                inserts.put(merged.id(), merged);
            } else {
                updates.put(merged.id(), merged);
            }
            if (merged.phone() != null) {
                pendingByPhone.put(merged.phone(), merged);
            }
            if (merged.email() != null) {
                pendingByEmail.put(merged.email(), merged);
            }
            Set<String> rowTags = tags.computeIfAbsent(merged.id(), k -> new LinkedHashSet<>());
            if (c.tags() != null) {
                rowTags.addAll(c.tags());
            }
            rowTags.addAll(options.tags());
        }
        contacts.insertAll(List.copyOf(inserts.values()), now);
        contacts.updateAll(List.copyOf(updates.values()), now);
        tags.values().removeIf(Set::isEmpty);
        Map<Long, Set<String>> newTags = new LinkedHashMap<>();
        Map<Long, Set<String>> knownTags = new LinkedHashMap<>();
        tags.forEach((id, t) -> (inserts.containsKey(id) ? newTags : knownTags).put(id, t));
        contacts.tagNew(workspaceId, newTags);
        contacts.addTags(workspaceId, knownTags);
        contacts.defineAttributes(workspaceId, newAttributes);
        if (options.consentChannel() != null) {
            List<Long> touched = new ArrayList<>(inserts.keySet());
            touched.addAll(updates.keySet());
            consent.recordForAll(workspaceId, touched, new NewConsent(options.consentChannel(),
                    options.consentPurpose(), ConsentStatus.OPTED_IN, ConsentSource.IMPORT, options.consentEvidence(),
                    "import:" + dev.recado.common.PublicId.of("imp_", importId), null));
        }
        // every accepted row that did not create a contact updated one (an existing contact, or an
        // earlier row of the file), so created + updated + rejected always adds up to the rows read
        int updated = rows.size() - rejections.size() - inserts.size();
        awaitTurn.run();
        imports.progress(importId, rowsReadAfter, inserts.size(), updated, rejections);
        return new Outcome(inserts.size(), updated, rejections.size());
    }

    private static ContactRepository.Row merge(ContactRepository.Row base, long id, long workspaceId,
            ContactValidator.Clean c, String defaultLanguage, String defaultZone, String defaultCountry) {
        Map<String, Object> attributes = new LinkedHashMap<>(base == null ? Map.of() : base.attributes());
        if (c.attributes() != null) {
            c.attributes().forEach((k, v) -> {
                if (v != null) {
                    attributes.put(k, v);
                }
            });
        }
        return new ContactRepository.Row(id, workspaceId, or(c.phone(), base == null ? null : base.phone()),
                or(c.email(), base == null ? null : base.email()),
                or(c.firstName(), base == null ? null : base.firstName()),
                or(c.lastName(), base == null ? null : base.lastName()),
                or(c.language(), base == null ? defaultLanguage : base.language()),
                or(c.timezone(), base == null ? defaultZone : base.timezone()),
                or(c.country(), base == null ? defaultCountry : base.country()), attributes);
    }

    private static String or(String value, String fallback) {
        return value != null && !value.isEmpty() ? value : fallback;
    }
}
