package dev.recado.console.internal;

import dev.recado.common.ApiException;
import dev.recado.workspace.ConsoleUser;
import dev.recado.workspace.UserManagement;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The workspace's console users, and the admin's form to add an agent (or another admin). */
@Controller
class UsersController {

    private final UserManagement users;
    private final ProblemTexts problems;

    UsersController(UserManagement users, ProblemTexts problems) {
        this.users = users;
        this.problems = problems;
    }

    @GetMapping("/users")
    String list(@AuthenticationPrincipal ConsoleUser user, Model model) {
        ConsoleAdvice.requireAdmin(user);
        return page(user, model, FormErrors.NONE);
    }

    @PostMapping("/users")
    String create(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String name,
            @RequestParam(required = false) String email, @RequestParam(defaultValue = "agent") String role,
            @RequestParam(required = false) String password, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        ConsoleAdvice.requireAdmin(user);
        try {
            var created = users.create(user.workspaceId(), email, name, role, password);
            redirect.addFlashAttribute("notice", "users.created");
            redirect.addFlashAttribute("noticeArg", created.name());
            return "redirect:/users";
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            response.setStatus(e.status());
            model.addAttribute("name", name);
            model.addAttribute("email", email);
            model.addAttribute("role", role);
            return page(user, model, problems.form(e));
        }
    }

    private String page(ConsoleUser user, Model model, FormErrors errors) {
        model.addAttribute("section", "users");
        model.addAttribute("errors", errors);
        model.addAttribute("users", users.list(user.workspaceId()));
        return "users";
    }
}
