package dev.recado.channels.webchat.internal;

import dev.recado.common.FieldProblem;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.NewConsent;
import dev.recado.consent.Purpose;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pre-chat form: who the visitor says they are, put on the visitor's own contact, and the consent
 * checkbox written to the ledger with its evidence. An email or phone that another contact already has
 * is kept as an attribute instead of merging the two: nobody proved they own it, and a merge would
 * send that person's web chat replies to this visitor.
 */
@Component
class VisitorForms {

    /** What the page sends, and where it was sent from (evidence). */
    record Form(String name, String email, String phone, boolean consent, String consentText, String page,
            String origin, String address, String userAgent) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ContactManagement contacts;
    private final ConsentManagement consent;
    private final WebchatStore store;
    private final TransactionTemplate tx;
    private final Clock clock;

    VisitorForms(ContactManagement contacts, ConsentManagement consent, WebchatStore store, TransactionTemplate tx,
            Clock clock) {
        this.contacts = contacts;
        this.consent = consent;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    /** Saves the form; the problems name the fields when it cannot be saved. */
    List<FieldProblem> submit(WebchatStore.Visitor visitor, Form form) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(new FieldProblem("name", "must be 1 to 100 characters"));
        }
        String email = blankToNull(form.email());
        String phone = null;
        if (email != null && (email.length() > 254 || !email.matches("[^@\\s<>\"]{1,64}@[^@\\s<>\"]+\\.[^@\\s<>\"]+"))) {
            problems.add(new FieldProblem("email", "must be an email address"));
        }
        if (blankToNull(form.phone()) != null) {
            phone = contacts.normalizePhone(visitor.workspaceId(), form.phone().strip()).orElse(null);
            if (phone == null) {
                problems.add(new FieldProblem("phone", "must be a phone number"));
            }
        }
        if (email == null && blankToNull(form.phone()) == null) {
            problems.add(new FieldProblem("email", "give an email or a phone number"));
        }
        if (form.page() != null && form.page().length() > 1_500) {
            problems.add(new FieldProblem("page", "must be at most 1500 characters"));
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        String e = email;
        String p = phone;
        tx.executeWithoutResult(status -> save(visitor, name, e, p, form));
        return problems;
    }

    private void save(WebchatStore.Visitor visitor, String name, String email, String phone, Form form) {
        long ws = visitor.workspaceId();
        Contact contact = contacts.findOrCreateByChannelId(ws, "webchat", visitor.publicId(), null);
        int space = name.indexOf(' ');
        String first = space > 0 ? name.substring(0, space) : name;
        String last = space > 0 ? name.substring(space + 1).strip() : null;
        Map<String, Object> kept = new LinkedHashMap<>();
        String ownEmail = email != null && contact.email() == null && free(ws, contact.id(), email, true) ? email : null;
        String ownPhone = phone != null && contact.phone() == null && free(ws, contact.id(), phone, false) ? phone : null;
        if (email != null && ownEmail == null) {
            kept.put("webchat_email", email);
        }
        if (phone != null && ownPhone == null) {
            kept.put("webchat_phone", phone);
        }
        contacts.update(ws, contact.id(), new ContactInput(ownPhone, ownEmail, first, last, null, null, null,
                kept.isEmpty() ? null : kept));
        store.saveForm(visitor.id(), name, email, phone);
        if (form.consent()) {
            String evidence = evidence(visitor, form);
            List<Channel> channels = new ArrayList<>(List.of(Channel.WEBCHAT));
            if (ownEmail != null) {
                channels.add(Channel.EMAIL);
            }
            if (ownPhone != null) {
                channels.add(Channel.SMS);
            }
            for (Channel channel : channels) {
                consent.record(ws, contact.id(), new NewConsent(channel, Purpose.MARKETING, ConsentStatus.OPTED_IN,
                        ConsentSource.FORM, evidence, "webchat visitor " + visitor.publicId(), clock.instant()));
            }
        }
    }

    private boolean free(long ws, long contactId, String value, boolean email) {
        Optional<Contact> holder = email ? contacts.findByEmail(ws, value) : contacts.findByPhone(ws, value);
        return holder.map(c -> c.id() == contactId).orElse(true);
    }

    private static String evidence(WebchatStore.Visitor visitor, Form form) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("form", "webchat pre-chat form");
        evidence.put("text", form.consentText() == null ? null : form.consentText().substring(0, Math.min(500, form.consentText().length())));
        evidence.put("page", form.page());
        evidence.put("origin", form.origin());
        evidence.put("ip", form.address());
        evidence.put("user_agent", form.userAgent() == null ? null : form.userAgent().substring(0, Math.min(500, form.userAgent().length())));
        evidence.put("visitor", visitor.publicId());
        return JSON.writeValueAsString(evidence);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
