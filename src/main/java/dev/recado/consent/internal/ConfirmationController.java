package dev.recado.consent.internal;

import dev.recado.consent.ConsentManagement;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The double opt-in link. GET only shows a button: mail scanners open links on their own, and a
 * consent must come from the person's click, so only the POST confirms.
 */
@Controller
class ConfirmationController {

    private final ConsentManagement consent;

    ConfirmationController(ConsentManagement consent) {
        this.consent = consent;
    }

    @GetMapping("/consent/confirm/{token}")
    String ask(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("state", "ask");
        return "consent-confirm";
    }

    @PostMapping("/consent/confirm/{token}")
    String confirm(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("state", consent.confirm(token).isPresent() ? "confirmed" : "unknown");
        return "consent-confirm";
    }
}
