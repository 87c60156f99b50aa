package dev.recado.console.internal;

import dev.recado.workspace.ConsoleUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login form; Spring Security handles its POST, the rate limit and the logout. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String error,
            @RequestParam(required = false) String locked, @RequestParam(required = false) String logout,
            Model model) {
        if (user != null) {
            return "redirect:/";
        }
        model.addAttribute("failed", error != null);
        model.addAttribute("locked", locked != null);
        model.addAttribute("loggedOut", logout != null);
        return "login";
    }
}
