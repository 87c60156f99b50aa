package dev.recado.console.internal;

import dev.recado.billing.BillingManagement;
import dev.recado.billing.LedgerEntry;
import dev.recado.billing.TopupRequests;
import dev.recado.common.ApiException;
import dev.recado.common.PageRequest;
import dev.recado.workspace.ConsoleUser;
import dev.recado.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.ZoneId;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The prepaid balance (what is held for messages on their way, what is left), its totals per day,
 * its ledger with the messages each line charged, and top-up requests to the platform operator.
 */
@Controller
class BillingPageController {

    static final int PAGE_SIZE = 25;
    static final int TOPUPS_SHOWN = 10;

    /** The top-up form as typed (the amount as text, so "12,50" can be read and a typo shown back). */
    record TopupForm(String amount, String note) {
        static final TopupForm EMPTY = new TopupForm(null, null);
    }

    private final BillingManagement billing;
    private final TopupRequests topups;
    private final LedgerReferences references;
    private final BillingDays days;
    private final WorkspaceManagement workspaces;
    private final ProblemTexts problems;
    private final ConsoleTexts texts;

    BillingPageController(BillingManagement billing, TopupRequests topups, LedgerReferences references,
            BillingDays days, WorkspaceManagement workspaces, ProblemTexts problems, ConsoleTexts texts) {
        this.billing = billing;
        this.topups = topups;
        this.references = references;
        this.days = days;
        this.workspaces = workspaces;
        this.problems = problems;
        this.texts = texts;
    }

    @GetMapping("/billing")
    String billing(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String cursor,
            Model model) {
        return page(user, cursor, TopupForm.EMPTY, FormErrors.NONE, model);
    }

    /** A refused request shows the page again with the problem beside its field; nothing is stored. */
    @PostMapping("/billing/topup-requests")
    String requestTopup(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String amount,
            @RequestParam(required = false) String note, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        var form = new TopupForm(amount, note);
        try {
            topups.request(user.workspaceId(), parseAmount(amount), note, "user:" + user.email());
            redirect.addFlashAttribute("notice", "billing.topup.sent");
            return "redirect:/billing#topups";
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            response.setStatus(e.status());
            return page(user, null, form, problems.form(e), model);
        }
    }

    private String page(ConsoleUser user, String cursor, TopupForm form, FormErrors errors, Model model) {
        long ws = user.workspaceId();
        var page = PageRequest.of(PAGE_SIZE, cursor);
        var rows = page.page(billing.ledger(ws, page.beforeId(), page.fetchSize()), LedgerEntry::id);
        var requests = topups.list(ws, null, Long.MAX_VALUE, TOPUPS_SHOWN);
        model.addAttribute("section", "billing");
        model.addAttribute("balance", DashboardController.balanceOrNull(billing, ws));
        model.addAttribute("ledger", rows.data());
        model.addAttribute("references", references.of(ws, rows.data()));
        model.addAttribute("nextCursor", rows.nextCursor());
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        model.addAttribute("days", days.lastDays(ws, ZoneId.of(workspaces.require(ws).timezone())));
        model.addAttribute("topups", requests);
        model.addAttribute("requesters", texts.actors(ws, requests.stream().map(r -> r.requestedBy()).toList()));
        model.addAttribute("topupForm", form);
        model.addAttribute("errors", errors);
        return "billing";
    }

    /** Either decimal mark; anything else is the module's own "must be a positive amount". */
    private static BigDecimal parseAmount(String amount) {
        if (amount == null || amount.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(amount.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw ApiException.invalid("amount", "must be a positive amount up to 100000 with at most 2 decimals");
        }
    }
}
