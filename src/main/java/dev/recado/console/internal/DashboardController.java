package dev.recado.console.internal;

import dev.recado.billing.Balance;
import dev.recado.billing.BillingManagement;
import dev.recado.common.ApiException;
import dev.recado.contacts.ContactManagement;
import dev.recado.workspace.ConsoleUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class DashboardController {

    private final ContactManagement contacts;
    private final BillingManagement billing;

    DashboardController(ContactManagement contacts, BillingManagement billing) {
        this.contacts = contacts;
        this.billing = billing;
    }

    @GetMapping("/")
    String dashboard(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("section", "dashboard");
        model.addAttribute("contactCount", contacts.count(user.workspaceId()));
        model.addAttribute("balance", balanceOrNull(billing, user.workspaceId()));
        return "dashboard";
    }

    /** A workspace without a billing account still gets its pages, with the balance left blank. */
    static Balance balanceOrNull(BillingManagement billing, long workspaceId) {
        try {
            return billing.balance(workspaceId);
        } catch (ApiException e) {
            return null;
        }
    }
}
