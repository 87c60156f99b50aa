package dev.recado.contacts.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recado.common.Caller;
import dev.recado.common.Page;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactFilter;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/contacts")
class ContactController {

    static final String PREFIX = "ct_";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ContactResponse(String id, String phone, String email, String firstName, String lastName, String language,
            String timezone, String country, List<String> tags, Map<String, Object> attributes, Instant createdAt,
            Instant updatedAt) {

        static ContactResponse of(Contact c) {
            return new ContactResponse(PublicId.of(PREFIX, c.id()), c.phone(), c.email(), c.firstName(), c.lastName(),
                    c.language(), c.timezone(), c.country(), c.tags(), c.attributes(), c.createdAt(), c.updatedAt());
        }
    }

    private final ContactManagement contacts;
    private final CsvExport csv;

    ContactController(ContactManagement contacts, CsvExport csv) {
        this.contacts = contacts;
        this.csv = csv;
    }

    /** Streams every live contact (or those matching the filters) as CSV. */
    @GetMapping(value = "/export", produces = "text/csv")
    ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> exportCsv(Caller caller,
            @RequestParam(required = false) String tag, @RequestParam(required = false) String q) {
        long ws = caller.workspace();
        var filter = new ContactFilter(tag, q, null, null);
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"contacts.csv\"")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .body(out -> csv.write(ws, filter, out));
    }

    @PostMapping
    ResponseEntity<ContactResponse> create(Caller caller, @RequestBody ContactInput body,
            @RequestParam(defaultValue = "false") boolean upsert) {
        var saved = contacts.create(caller.workspace(), body, upsert);
        return ResponseEntity.status(saved.created() ? 201 : 200).body(ContactResponse.of(saved.contact()));
    }

    @GetMapping
    Page<ContactResponse> list(Caller caller, @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q, @RequestParam(name = "created_after", required = false) Instant createdAfter,
            @RequestParam(name = "created_before", required = false) Instant createdBefore, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor);
        var filter = new ContactFilter(tag, q, createdAfter, createdBefore);
        return page.page(contacts.list(caller.workspace(), filter, page.beforeId(), page.fetchSize()), Contact::id)
                .map(ContactResponse::of);
    }

    @GetMapping("/{id}")
    ContactResponse get(Caller caller, @PathVariable String id) {
        return ContactResponse.of(contacts.require(caller.workspace(), PublicId.require(PREFIX, id, "Contact")));
    }

    @PatchMapping("/{id}")
    ContactResponse update(Caller caller, @PathVariable String id, @RequestBody ContactInput body) {
        return ContactResponse.of(contacts.update(caller.workspace(), PublicId.require(PREFIX, id, "Contact"), body));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> erase(Caller caller, @PathVariable String id) {
        contacts.erase(caller.workspace(), PublicId.require(PREFIX, id, "Contact"));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/export")
    Map<String, Object> export(Caller caller, @PathVariable String id) {
        long contactId = PublicId.require(PREFIX, id, "Contact");
        var export = new java.util.LinkedHashMap<>(contacts.export(caller.workspace(), contactId));
        export.put("contact", ContactResponse.of((Contact) export.get("contact")));
        export.put("consent_history", ((List<?>) export.get("consent_history")).stream()
                .map(e -> ConsentController.EventResponse.of((dev.recado.consent.ConsentEvent) e)).toList());
        return export;
    }
}
