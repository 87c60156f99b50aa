package dev.recado.campaigns.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /l/<code>}: a recipient's short link. Public (the code is the key), outside the API: every
 * request is recorded as a click of that message, campaign and contact, flagged when a machine made
 * it, and redirected to the target.
 */
@Controller
class LinkController {

    private final LinkStore links;
    private final TrackedLinks tracked;
    private final Clock clock;

    LinkController(LinkStore links, TrackedLinks tracked, Clock clock) {
        this.links = links;
        this.tracked = tracked;
        this.clock = clock;
    }

    @GetMapping("/l/{code}")
    Object follow(@PathVariable String code, HttpServletRequest request, Model model) {
        var link = LinkCodes.wellFormed(code) ? links.find(code).filter(l -> RecipientLinks.LINK.equals(l.kind())) : null;
        if (link == null || link.isEmpty()) {
            return PublicPages.unknown(model);
        }
        String agent = request.getHeader("User-Agent");
        links.click(link.get(), clock.instant(), BotAgents.clip(agent), BotAgents.isBot(request.getMethod(), agent));
        // no-store: a cached redirect would hide the next click from us
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(tracked.redirect(link.get().target(), code)))
                .cacheControl(CacheControl.noStore()).header("Referrer-Policy", "no-referrer").build();
    }
}
