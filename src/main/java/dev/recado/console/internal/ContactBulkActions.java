package dev.recado.console.internal;

import dev.recado.common.ApiException;
import dev.recado.contacts.ContactBulk;
import dev.recado.contacts.ContactManagement;
import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Bulk actions on the contact list: the GET states what will happen to how many contacts and asks
 * to confirm; only the POST from that page acts. Nothing is asked before the input is valid, and a
 * selection naming another workspace's contact is a 404 that changes nothing.
 */
@Controller
class ContactBulkActions {

    /** The opt-out's evidence, followed by the user's email; {@link ConsoleTexts} words it. */
    static final String EVIDENCE = "console bulk action by ";

    private final ContactBulk bulk;
    private final ContactManagement contacts;
    private final ProblemTexts problems;

    ContactBulkActions(ContactBulk bulk, ContactManagement contacts, ProblemTexts problems) {
        this.bulk = bulk;
        this.contacts = contacts;
        this.problems = problems;
    }

    @GetMapping("/contacts/bulk")
    String confirm(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("bulk") BulkForm form, Model model,
            HttpServletResponse response) {
        model.addAttribute("section", "contacts");
        model.addAttribute("back", backTo(form));
        try {
            var action = checked(form);
            long count = form.wholeFilter() ? filterCount(user.workspaceId(), form)
                    : bulk.requireLive(user.workspaceId(), form.selected()).size();
            model.addAttribute("action", action.wire());
            model.addAttribute("cleanTag", action.needsTag() ? bulk.validTag(form.bulkTag()) : null);
            model.addAttribute("count", count);
        } catch (ApiException e) {
            refused(e, model, response);
        }
        return "contacts-bulk";
    }

    @PostMapping("/contacts/bulk")
    String apply(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("bulk") BulkForm form, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        long ws = user.workspaceId();
        try {
            var action = checked(form);
            Consumer<List<Long>> act = switch (action) {
                case TAG -> ids -> bulk.tag(ws, ids, form.bulkTag());
                case UNTAG -> ids -> bulk.untag(ws, ids, form.bulkTag());
                case OPT_OUT -> ids -> bulk.optOut(ws, ids, EVIDENCE + user.email(), "user:" + user.email());
                case ERASE -> ids -> bulk.erase(ws, ids);
            };
            if (form.wholeFilter()) {
                filterCount(ws, form);
            }
            long done = form.wholeFilter() ? eachPage(ws, form, act) : actOn(bulk.requireLive(ws, form.selected()), act);
            redirect.addFlashAttribute("notice", "contacts.bulk.done." + action.wire());
            redirect.addFlashAttribute("noticeArg", done);
            return "redirect:" + backTo(form);
        } catch (ApiException e) {
            model.addAttribute("section", "contacts");
            model.addAttribute("back", backTo(form));
            refused(e, model, response);
            return "contacts-bulk";
        }
    }

    /**
     * Every contact the filter matches, a page per transaction. Pages continue below the last id
     * seen, so contacts an action takes out of the filter (untag, erase) are neither skipped nor
     * visited twice.
     */
    private long eachPage(long ws, BulkForm form, Consumer<List<Long>> act) {
        long done = 0;
        long before = Long.MAX_VALUE;
        while (true) {
            List<Long> page = bulk.matching(ws, form.filter(), before);
            if (page.isEmpty()) {
                return done;
            }
            done += actOn(page, act);
            before = page.get(page.size() - 1);
        }
    }

    /** How many contacts the filter reaches, refused above what one action may take. */
    private long filterCount(long ws, BulkForm form) {
        long count = contacts.count(ws, form.filter());
        if (count > ContactBulk.MAX_FILTER) {
            throw ApiException.invalid("scope", "at most " + ContactBulk.MAX_FILTER + " contacts at once; narrow the search");
        }
        return count;
    }

    private static long actOn(List<Long> ids, Consumer<List<Long>> act) {
        act.accept(ids);
        return ids.size();
    }

    private BulkForm.Action checked(BulkForm form) {
        var action = form.requireAction();
        if (action.needsTag()) {
            bulk.validTag(form.bulkTag());
        }
        return action;
    }

    /** A client's mistake is shown on the page with its status; a 404 stays the not-found page. */
    private void refused(ApiException e, Model model, HttpServletResponse response) {
        if (e.status() >= 500 || e.status() == 404) {
            throw e;
        }
        response.setStatus(e.status());
        model.addAttribute("error", problems.general(e));
    }

    /** The list as the user left it (same search and tag). */
    private static String backTo(BulkForm form) {
        return UriComponentsBuilder.fromPath("/contacts")
                .queryParamIfPresent("q", Optional.ofNullable(ContactForm.blankToNull(form.q())))
                .queryParamIfPresent("tag", Optional.ofNullable(ContactForm.blankToNull(form.tag())))
                .encode().build().toUriString();
    }
}
