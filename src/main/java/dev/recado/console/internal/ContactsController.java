package dev.recado.console.internal;

import dev.recado.common.ApiException;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactExports;
import dev.recado.contacts.ContactFilter;
import dev.recado.contacts.ContactManagement;
import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The contact list (live search, tag chips, chosen attribute columns, keyset pages) and the "new contact" form. */
@Controller
class ContactsController {

    static final int PAGE_SIZE = 25;

    private final ContactManagement contacts;
    private final ContactExports exports;
    private final ProblemTexts problems;
    private final ContactColumns columns;

    ContactsController(ContactManagement contacts, ContactExports exports, ProblemTexts problems,
            ContactColumns columns) {
        this.columns = columns;
        this.exports = exports;
        this.problems = problems;
        this.contacts = contacts;
    }

    /** htmx asks for the results alone as the user types; a history restore needs the whole page. */
    @GetMapping("/contacts")
    String list(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String q,
            @RequestParam(required = false) String tag, @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
            HttpServletRequest request, Model model) {
        results(user, q, tag, cursor, model);
        model.addAttribute("columns", columns.chosen(user, request));
        if (htmx != null && restore == null) {
            return "contacts :: results";
        }
        model.addAttribute("form", ContactForm.EMPTY);
        model.addAttribute("errors", FormErrors.NONE);
        return "contacts";
    }

    /** The contacts the current search and tag show, all of them, as the API's CSV export. */
    @GetMapping("/contacts/export.csv")
    ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal ConsoleUser user,
            @RequestParam(required = false) String q, @RequestParam(required = false) String tag) {
        var filter = new ContactFilter(ContactForm.blankToNull(tag), ContactForm.blankToNull(q), null, null);
        long ws = user.workspaceId();
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("contacts.csv").build().toString())
                .body(out -> exports.csv(ws, filter, out));
    }

    @PostMapping("/contacts")
    String create(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") ContactForm form,
            Model model, RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
        try {
            var saved = contacts.create(user.workspaceId(), form.toInput(), false);
            redirect.addFlashAttribute("notice", "contact.added");
            return "redirect:/contacts/" + PublicId.of(ConsoleFormat.CONTACT, saved.contact().id());
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            response.setStatus(e.status());
            model.addAttribute("errors", problems.form(e));
            results(user, null, null, null, model);
            model.addAttribute("columns", columns.chosen(user, request));
            return "contacts";
        }
    }

    private void results(ConsoleUser user, String q, String tag, String cursor, Model model) {
        String text = ContactForm.blankToNull(q);
        String tagFilter = ContactForm.blankToNull(tag);
        var page = PageRequest.of(PAGE_SIZE, cursor);
        var rows = page.page(contacts.list(user.workspaceId(), new ContactFilter(tagFilter, text, null, null),
                page.beforeId(), page.fetchSize()), Contact::id);
        model.addAttribute("section", "contacts");
        model.addAttribute("q", text);
        model.addAttribute("tag", tagFilter);
        model.addAttribute("contacts", rows.data());
        model.addAttribute("total", contacts.count(user.workspaceId(), new ContactFilter(tagFilter, text, null, null)));
        model.addAttribute("nextCursor", rows.nextCursor());
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        model.addAttribute("workspaceTags", contacts.tags(user.workspaceId()));
        model.addAttribute("attributeNames", contacts.attributeNames(user.workspaceId()));
    }
}
