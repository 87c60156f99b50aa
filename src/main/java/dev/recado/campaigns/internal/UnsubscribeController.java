package dev.recado.campaigns.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /u/<code>}: GET only shows a button, since mail and SMS scanners open every link they see
 * and an opt-out must be the person's; the button's POST opts out. A mailbox provider's RFC 8058
 * one-click POST ({@code List-Unsubscribe=One-Click}) opts out at once and gets a plain answer.
 */
@Controller
class UnsubscribeController {

    private final LinkStore links;
    private final Unsubscribes unsubscribes;

    UnsubscribeController(LinkStore links, Unsubscribes unsubscribes) {
        this.links = links;
        this.unsubscribes = unsubscribes;
    }

    @GetMapping("/u/{code}")
    Object ask(@PathVariable String code, Model model) {
        var link = find(code);
        if (link.isEmpty()) {
            return PublicPages.unknown(model);
        }
        model.addAttribute("code", code);
        return PublicPages.page(model, link.get().usedAt() != null ? "unsubscribed" : "ask", HttpStatus.OK);
    }

    @PostMapping("/u/{code}")
    Object unsubscribe(@PathVariable String code, @RequestParam(name = "List-Unsubscribe", required = false) String oneClick,
            HttpServletRequest request, Model model) {
        var link = find(code);
        if (link.isEmpty()) {
            return PublicPages.unknown(model);
        }
        boolean isOneClick = "One-Click".equals(oneClick);
        unsubscribes.optOut(link.get(), isOneClick ? "one-click" : "confirm page", request.getHeader("User-Agent"));
        if (isOneClick) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("Unsubscribed\n");
        }
        return PublicPages.page(model, "unsubscribed", HttpStatus.OK);
    }

    private Optional<LinkStore.Link> find(String code) {
        return LinkCodes.wellFormed(code) ? links.find(code).filter(l -> RecipientLinks.UNSUBSCRIBE.equals(l.kind()))
                : Optional.empty();
    }
}
