package dev.recado.console.internal;

import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.common.WireEnum;
import dev.recado.workspace.ApiKeyScope;
import dev.recado.workspace.ConsoleUser;
import dev.recado.workspace.CreatedApiKey;
import dev.recado.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * API keys, for admins only. A new key's secret is rendered in the answer to the POST itself and
 * kept nowhere (no flash, no session): it is shown exactly once.
 */
@Controller
class ApiKeysController {

    static final int SHOWN_KEYS = 100;

    private final WorkspaceManagement workspaces;
    private final ProblemTexts problems;

    ApiKeysController(WorkspaceManagement workspaces, ProblemTexts problems) {
        this.problems = problems;
        this.workspaces = workspaces;
    }

    @GetMapping("/api-keys")
    String list(@AuthenticationPrincipal ConsoleUser user, Model model) {
        ConsoleAdvice.requireAdmin(user);
        return page(user, model, FormErrors.NONE);
    }

    @PostMapping("/api-keys")
    String create(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String name,
            @RequestParam(defaultValue = "full") String scope, Model model, HttpServletResponse response) {
        ConsoleAdvice.requireAdmin(user);
        try {
            CreatedApiKey key = workspaces.createKey(user.workspaceId(), name,
                    WireEnum.require(ApiKeyScope.class, scope, "scope"));
            model.addAttribute("createdKey", key);
            return page(user, model, FormErrors.NONE);
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            response.setStatus(e.status());
            model.addAttribute("name", name);
            return page(user, model, problems.form(e));
        }
    }

    @PostMapping("/api-keys/{id}/revoke")
    String revoke(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, RedirectAttributes redirect) {
        ConsoleAdvice.requireAdmin(user);
        var key = workspaces.revokeKey(user.workspaceId(), PublicId.require(ConsoleFormat.API_KEY, id, "API key"));
        redirect.addFlashAttribute("notice", "keys.revoked.notice");
        redirect.addFlashAttribute("noticeArg", key.name());
        return "redirect:/api-keys";
    }

    private String page(ConsoleUser user, Model model, FormErrors errors) {
        model.addAttribute("section", "api-keys");
        model.addAttribute("errors", errors);
        model.addAttribute("keys", workspaces.listKeys(user.workspaceId(), Long.MAX_VALUE, SHOWN_KEYS));
        model.addAttribute("scopes", ApiKeyScope.values());
        return "api-keys";
    }
}
