package dev.recado.contacts;

import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.consent.ConsentManagement;
import dev.recado.contacts.internal.AttributeDefinitions;
import dev.recado.contacts.internal.ContactRepository;
import dev.recado.contacts.internal.ContactValidator;
import dev.recado.workspace.Workspace;
import dev.recado.workspace.WorkspaceManagement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** The contacts module's front: every read and write of a contact goes through here. */
@Service
public class ContactManagement {

    /** What a create did: the contact, and whether an existing one was updated instead. */
    public record Saved(Contact contact, boolean created) {
    }

    private final ContactRepository contacts;
    private final WorkspaceManagement workspaces;
    private final ConsentManagement consent;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    ContactManagement(ContactRepository contacts, WorkspaceManagement workspaces, ConsentManagement consent,
            ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.contacts = contacts;
        this.workspaces = workspaces;
        this.consent = consent;
        this.events = events;
        this.clock = clock;
        // the insert of a new contact runs under a savepoint: when a concurrent request took the phone
        // first, the transaction survives the unique violation (PostgreSQL aborts it otherwise) and
        // can still read the winner's id for the 409
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Clean fields of a valid input, or the 422 naming every invalid field. */
    private ContactValidator.Clean validated(Workspace ws, ContactInput input, AttributeDefinitions definitions) {
        var result = new ContactValidator(ws.defaultCountry(), ws.timezone(), definitions).check(input);
        if (!result.valid()) {
            throw ApiException.invalid(result.problems());
        }
        return result.clean();
    }

    @Transactional
    public Saved create(long workspaceId, ContactInput input, boolean upsert) {
        Workspace ws = workspaces.require(workspaceId);
        var definitions = new AttributeDefinitions(contacts.attributeTypes(workspaceId));
        var clean = validated(ws, input, definitions);
        if (clean.phone() == null && clean.email() == null) {
            throw ApiException.invalid("phone", "a contact needs a phone or an email");
        }
        List<Contact> existing = contacts.findByIdentity(workspaceId, nonNull(clean.phone()), nonNull(clean.email()));
        if (existing.size() > 1) {
            throw ApiException.conflict("identity_conflict", "The phone belongs to one contact and the email to another",
                    PublicId.of("ct_", existing.get(0).id()));
        }
        if (!existing.isEmpty()) {
            Contact match = existing.get(0);
            if (!upsert) {
                String field = clean.phone() != null && clean.phone().equals(match.phone()) ? "phone" : "email";
                throw ApiException.conflict("duplicate_contact", "A contact with this " + field + " already exists",
                        PublicId.of("ct_", match.id()));
            }
            return new Saved(apply(workspaceId, match.id(), clean, definitions), false);
        }
        long id = contacts.reserveIds(1).get(0);
        Instant now = clock.instant();
        Map<String, Object> attributes = clean.attributes() == null ? Map.of() : withoutNulls(clean.attributes());
        try {
            var row = new ContactRepository.Row(id, workspaceId, clean.phone(), clean.email(),
                    clean.firstName(), clean.lastName(),
                    clean.language() == null ? ws.defaultLanguage() : clean.language(),
                    clean.timezone() == null ? ws.timezone() : clean.timezone(),
                    clean.country() == null ? ws.defaultCountry() : clean.country(), attributes);
            savepoint.executeWithoutResult(status -> contacts.insertAll(List.of(row), now));
        } catch (DuplicateKeyException race) {
            throw ApiException.conflict("duplicate_contact", "A contact with this phone or email was just created",
                    contacts.findByIdentity(workspaceId, nonNull(clean.phone()), nonNull(clean.email())).stream()
                            .findFirst().map(c -> PublicId.of("ct_", c.id())).orElse(null));
        }
        if (clean.tags() != null && !clean.tags().isEmpty()) {
            contacts.addTags(workspaceId, Map.of(id, clean.tags()));
        }
        contacts.defineAttributes(workspaceId, definitions.drainAdded());
        return new Saved(require(workspaceId, id), true);
    }

    @Transactional
    public Contact update(long workspaceId, long id, ContactInput input) {
        Contact current = require(workspaceId, id);
        Workspace ws = workspaces.require(workspaceId);
        var definitions = new AttributeDefinitions(contacts.attributeTypes(workspaceId));
        var clean = validated(ws, input, definitions);
        var others = contacts.findByIdentity(workspaceId, nonNull(clean.phone()), nonNull(clean.email())).stream()
                .filter(c -> c.id() != current.id()).toList();
        if (!others.isEmpty()) {
            throw ApiException.conflict("duplicate_contact", "Another contact has this phone or email",
                    PublicId.of("ct_", others.get(0).id()));
        }
        return apply(workspaceId, id, clean, definitions);
    }

    private Contact apply(long workspaceId, long id, ContactValidator.Clean clean, AttributeDefinitions definitions) {
        Contact current = require(workspaceId, id);
        Map<String, Object> attributes = new LinkedHashMap<>(current.attributes());
        if (clean.attributes() != null) {
            attributes.putAll(clean.attributes());
        }
        var row = new ContactRepository.Row(id, workspaceId, or(clean.phone(), current.phone()),
                or(clean.email(), current.email()), or(clean.firstName(), current.firstName()),
                or(clean.lastName(), current.lastName()), or(clean.language(), current.language()),
                or(clean.timezone(), current.timezone()), or(clean.country(), current.country()),
                withoutNulls(attributes));
        contacts.updateAll(List.of(row), clock.instant());
        if (clean.tags() != null) {
            contacts.replaceTags(workspaceId, id, clean.tags());
        }
        contacts.defineAttributes(workspaceId, definitions.drainAdded());
        return require(workspaceId, id);
    }

    public Optional<Contact> find(long workspaceId, long id) {
        return contacts.find(workspaceId, id);
    }

    /** A live contact of this workspace, or the 404 (410 once erased) the API answers. */
    public Contact require(long workspaceId, long id) {
        Contact contact = contacts.find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Contact"));
        if (contact.erased()) {
            throw new ApiException(410, "contact_erased", "This contact's personal data was erased");
        }
        return contact;
    }

    /** The E.164 form of a number under the workspace's default country, if it is a valid number. */
    public Optional<String> normalizePhone(long workspaceId, String phone) {
        Workspace ws = workspaces.require(workspaceId);
        return dev.recado.contacts.internal.PhoneNumbers.normalize(phone, ws.defaultCountry(), ws.timezone())
                .map(dev.recado.contacts.internal.PhoneNumbers.Normalized::e164);
    }

    /**
     * The contact a phone number belongs to, created on first use (a message to a new number, an SMS
     * from a stranger). This is on every message's path, so it reads one row and writes at most one,
     * and returns the contact without its tags.
     */
    @Transactional
    public Contact findOrCreateByPhone(long workspaceId, String phone) {
        Workspace ws = workspaces.require(workspaceId);
        var normalized = dev.recado.contacts.internal.PhoneNumbers.normalize(phone, ws.defaultCountry(), ws.timezone())
                .orElseThrow(() -> ApiException.invalid("phone",
                        dev.recado.contacts.internal.PhoneNumbers.problem(phone, ws.defaultCountry())));
        var existing = contacts.findByIdentity(workspaceId, List.of(normalized.e164()), List.of());
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        long id = contacts.reserveIds(1).get(0);
        Instant now = clock.instant();
        String zone = normalized.timezone() == null ? ws.timezone() : normalized.timezone();
        String country = normalized.country() == null ? ws.defaultCountry() : normalized.country();
        // a concurrent first message to the same number fails here on the unique phone; the caller retries
        contacts.insertAll(List.of(new ContactRepository.Row(id, workspaceId, normalized.e164(), null, null, null,
                ws.defaultLanguage(), zone, country, Map.of())), now);
        return new Contact(id, workspaceId, normalized.e164(), null, null, null, ws.defaultLanguage(), zone, country,
                List.of(), Map.of(), now, now, null);
    }

    /**
     * The contact behind a channel's own id of a person (WhatsApp's business-scoped user id): found by
     * the id, else by the phone when one came along (and then linked), else created with neither
     * phone nor email, known by that id alone.
     */
    @Transactional
    public Contact findOrCreateByChannelId(long workspaceId, String channel, String externalId, String phone) {
        var known = contacts.findByChannelId(workspaceId, channel, externalId);
        if (known.isPresent()) {
            return known.get();
        }
        Instant now = clock.instant();
        Contact contact;
        if (phone != null) {
            contact = findOrCreateByPhone(workspaceId, phone);
        } else {
            Workspace ws = workspaces.require(workspaceId);
            long id = contacts.reserveIds(1).get(0);
            contacts.insertAll(List.of(new ContactRepository.Row(id, workspaceId, null, null, null, null,
                    ws.defaultLanguage(), ws.timezone(), ws.defaultCountry(), Map.of())), now);
            contact = new Contact(id, workspaceId, null, null, null, null, ws.defaultLanguage(), ws.timezone(),
                    ws.defaultCountry(), List.of(), Map.of(), now, now, null);
        }
        contacts.linkChannelId(workspaceId, contact.id(), channel, externalId, now);
        // a concurrent first message may have linked the id to another new contact first
        return contacts.findByChannelId(workspaceId, channel, externalId).orElse(contact);
    }

    /** Ties a channel's id of a person to this contact (a Telegram deep link redeemed), from whichever it named. */
    @Transactional
    public void linkChannelId(long workspaceId, long contactId, String channel, String externalId) {
        require(workspaceId, contactId);
        contacts.moveChannelId(workspaceId, contactId, channel, externalId, clock.instant());
    }

    /** The contact's id on a channel that names people by its own ids (a Telegram chat), if linked. */
    public Optional<String> channelIdOf(long workspaceId, long contactId, String channel) {
        return contacts.channelIdOf(workspaceId, contactId, channel);
    }

    /** The contact a channel's own id of a person (a Telegram chat id) is linked to, if any. */
    public Optional<Contact> findByChannelId(long workspaceId, String channel, String externalId) {
        return contacts.findByChannelId(workspaceId, channel, externalId);
    }

    public Optional<Contact> findByPhone(long workspaceId, String e164) {
        return contacts.findByIdentity(workspaceId, Set.of(e164), Set.of()).stream().findFirst()
                .map(c -> contacts.withTags(List.of(c)).get(0));
    }

    public Optional<Contact> findByEmail(long workspaceId, String email) {
        return contacts.findByIdentity(workspaceId, Set.of(), Set.of(email.toLowerCase(java.util.Locale.ROOT)))
                .stream().findFirst().map(c -> contacts.withTags(List.of(c)).get(0));
    }

    public List<Contact> list(long workspaceId, ContactFilter filter, long beforeId, int limit) {
        return contacts.list(workspaceId, filter, beforeId, limit);
    }

    /** The tags in use in a workspace, alphabetically, for autocomplete. */
    public List<String> tags(long workspaceId) {
        return contacts.workspaceTags(workspaceId, 500);
    }

    /** The names of the workspace's custom attributes, alphabetically. */
    public List<String> attributeNames(long workspaceId) {
        return contacts.attributeTypes(workspaceId).keySet().stream().sorted().toList();
    }

    public long count(long workspaceId) {
        return contacts.count(workspaceId);
    }

    /** How many contacts {@link #list} would page through under this filter. */
    public long count(long workspaceId, ContactFilter filter) {
        return contacts.count(workspaceId, filter);
    }

    /**
     * GDPR erasure: personal fields go, the row stays (anonymous counts and message history keep
     * adding up) and so does the consent ledger, which is the proof of lawful sending. A hash of the
     * identity lets us recognise the person if they complain later.
     */
    @Transactional
    public void erase(long workspaceId, long id) {
        Contact contact = require(workspaceId, id);
        contacts.erase(workspaceId, id, identityHash(contact), clock.instant());
        events.publishEvent(new ContactErased(workspaceId, id));
    }

    /** Everything held on a person (GDPR access request). */
    public Map<String, Object> export(long workspaceId, long id) {
        Contact contact = require(workspaceId, id);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("contact", contact);
        export.put("consent_history", consent.history(workspaceId, id));
        export.put("consent_state", consent.state(workspaceId, id));
        export.put("exported_at", clock.instant());
        return export;
    }

    private static String identityHash(Contact contact) {
        List<String> parts = new ArrayList<>();
        if (contact.phone() != null) {
            parts.add("phone:" + sha256(contact.phone()));
        }
        if (contact.email() != null) {
            parts.add("email:" + sha256(contact.email()));
        }
        return String.join(" ", parts);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> attributes) {
        Map<String, Object> clean = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (v != null) {
                clean.put(k, v);
            }
        });
        return clean;
    }

    private static List<String> nonNull(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
