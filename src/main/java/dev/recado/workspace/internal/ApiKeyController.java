package dev.recado.workspace.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recado.common.Caller;
import dev.recado.common.Page;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import dev.recado.common.Redacted;
import dev.recado.workspace.ApiKeyScope;
import dev.recado.workspace.ApiKeyView;
import dev.recado.workspace.WorkspaceManagement;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/api-keys")
class ApiKeyController {

    static final String PREFIX = "key_";

    record CreateKey(String name, ApiKeyScope scope) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyResponse(String id, String name, String key, String keyHint, ApiKeyScope scope, Instant createdAt,
            Instant lastUsedAt, Instant revokedAt) {

        /** Never the secrets: a record's own toString would print them into any log line. */
        @Override
        public String toString() {
            return Redacted.toString(this, "key");
        }

        static KeyResponse of(ApiKeyView k) {
            return new KeyResponse(PublicId.of(PREFIX, k.id()), k.name(), null, k.keyHint(), k.scope(), k.createdAt(),
                    k.lastUsedAt(), k.revokedAt());
        }
    }

    private final WorkspaceManagement workspaces;

    ApiKeyController(WorkspaceManagement workspaces) {
        this.workspaces = workspaces;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    KeyResponse create(Caller caller, @RequestBody CreateKey body) {
        var key = workspaces.createKey(caller.workspace(), body.name(),
                body.scope() == null ? ApiKeyScope.FULL : body.scope());
        return new KeyResponse(PublicId.of(PREFIX, key.id()), key.name(), key.key(), key.key().substring(0, 7) + "…",
                key.scope(), key.createdAt(), null, null);
    }

    @GetMapping
    Page<KeyResponse> list(Caller caller, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor);
        return page.page(workspaces.listKeys(caller.workspace(), page.beforeId(), page.fetchSize()), ApiKeyView::id)
                .map(KeyResponse::of);
    }

    @DeleteMapping("/{id}")
    KeyResponse revoke(Caller caller, @PathVariable String id) {
        return KeyResponse.of(workspaces.revokeKey(caller.workspace(), PublicId.require(PREFIX, id, "API key")));
    }
}
