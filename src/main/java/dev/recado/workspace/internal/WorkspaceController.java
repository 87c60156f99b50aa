package dev.recado.workspace.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recado.common.Caller;
import dev.recado.common.Page;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import dev.recado.common.Redacted;
import dev.recado.workspace.NewWorkspace;
import dev.recado.workspace.Workspace;
import dev.recado.workspace.WorkspaceChanges;
import dev.recado.workspace.WorkspaceManagement;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Platform (reseller) endpoints; the API key filter lets only the platform key in. */
@RestController
@RequestMapping("/v1/workspaces")
class WorkspaceController {

    record CreateWorkspace(String name, String defaultCountry, String defaultLanguage, String timezone, String currency,
            BigDecimal trialCredit, String logoUrl, String brandColor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorkspaceResponse(String id, String name, String defaultCountry, String defaultLanguage, String timezone,
            String currency, String logoUrl, String brandColor, boolean suspended, boolean emailDoubleOptIn,
            boolean allowPrivateHosts, Instant createdAt, String apiKey) {

        /** Never the secrets: a record's own toString would print them into any log line. */
        @Override
        public String toString() {
            return Redacted.toString(this);
        }

        static WorkspaceResponse of(Workspace w, String apiKey) {
            return new WorkspaceResponse(PublicId.of("ws_", w.id()), w.name(), w.defaultCountry(),
                    w.defaultLanguage(), w.timezone(), w.currency(), w.logoUrl(), w.brandColor(), w.suspended(),
                    w.emailDoubleOptIn(), w.allowPrivateHosts(), w.createdAt(), apiKey);
        }
    }

    private final WorkspaceManagement workspaces;

    WorkspaceController(WorkspaceManagement workspaces) {
        this.workspaces = workspaces;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    WorkspaceResponse create(Caller caller, @RequestBody CreateWorkspace body) {
        var created = workspaces.create(new NewWorkspace(body.name(), body.defaultCountry(), body.defaultLanguage(),
                body.timezone(), body.currency(), body.trialCredit(), body.logoUrl(), body.brandColor()), false);
        return WorkspaceResponse.of(created.workspace(), created.apiKey().key());
    }

    @GetMapping
    Page<WorkspaceResponse> list(Caller caller, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor);
        return page.page(workspaces.list(page.beforeId(), page.fetchSize()), Workspace::id)
                .map(w -> WorkspaceResponse.of(w, null));
    }

    @GetMapping("/{id}")
    WorkspaceResponse get(Caller caller, @PathVariable String id) {
        return WorkspaceResponse.of(workspaces.require(PublicId.require("ws_", id, "Workspace")), null);
    }

    @PatchMapping("/{id}")
    WorkspaceResponse update(Caller caller, @PathVariable String id, @RequestBody WorkspaceChanges changes) {
        return WorkspaceResponse.of(workspaces.update(PublicId.require("ws_", id, "Workspace"), changes), null);
    }
}
