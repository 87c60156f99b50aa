package dev.recado.billing.internal;

import dev.recado.billing.Balance;
import dev.recado.billing.BillingManagement;
import dev.recado.billing.LedgerEntry;
import dev.recado.common.Caller;
import dev.recado.common.Page;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import dev.recado.workspace.WorkspaceManagement;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BillingController {

    record CreditRequest(BigDecimal amount, String reference, String description) {
    }

    private final BillingManagement billing;
    private final WorkspaceManagement workspaces;

    BillingController(BillingManagement billing, WorkspaceManagement workspaces) {
        this.billing = billing;
        this.workspaces = workspaces;
    }

    @GetMapping("/v1/billing/balance")
    Balance balance(Caller caller) {
        return billing.balance(caller.workspace());
    }

    @GetMapping("/v1/billing/ledger")
    Page<LedgerEntry> ledger(Caller caller, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor);
        return page.page(billing.ledger(caller.workspace(), page.beforeId(), page.fetchSize()), LedgerEntry::id);
    }

    /** Platform key only (the API key filter guards /v1/workspaces). */
    @PostMapping("/v1/workspaces/{id}/credit")
    @ResponseStatus(HttpStatus.CREATED)
    LedgerEntry credit(Caller caller, @PathVariable String id, @RequestBody CreditRequest body) {
        long workspaceId = workspaces.require(PublicId.require("ws_", id, "Workspace")).id();
        return billing.credit(workspaceId, body.amount(), body.reference(), body.description());
    }
}
