package dev.recado.console.internal;

import dev.recado.billing.BillingManagement;
import dev.recado.billing.LedgerEntry;
import dev.recado.common.PageRequest;
import dev.recado.workspace.ConsoleUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The prepaid balance (what is held for messages on their way, what is left) and its ledger. */
@Controller
class BillingPageController {

    static final int PAGE_SIZE = 25;

    private final BillingManagement billing;

    BillingPageController(BillingManagement billing) {
        this.billing = billing;
    }

    @GetMapping("/billing")
    String billing(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String cursor,
            Model model) {
        var page = PageRequest.of(PAGE_SIZE, cursor);
        var rows = page.page(billing.ledger(user.workspaceId(), page.beforeId(), page.fetchSize()), LedgerEntry::id);
        model.addAttribute("section", "billing");
        model.addAttribute("balance", DashboardController.balanceOrNull(billing, user.workspaceId()));
        model.addAttribute("ledger", rows.data());
        model.addAttribute("nextCursor", rows.nextCursor());
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        return "billing";
    }
}
