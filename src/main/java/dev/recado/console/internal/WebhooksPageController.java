package dev.recado.console.internal;

import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import dev.recado.messaging.WebhookDeliveries;
import dev.recado.messaging.WebhookDelivery;
import dev.recado.workspace.ConsoleUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The webhook delivery log (admins): what was posted where, how it went, and "retry now". */
@Controller
class WebhooksPageController {

    static final int PAGE_SIZE = 25;
    static final String DELIVERY = "whd_";

    /** A delivery with the public id its row and retry button carry. */
    record Row(WebhookDelivery d, String id) {
    }

    private final WebhookDeliveries deliveries;

    WebhooksPageController(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/webhooks")
    String log(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String cursor, Model model) {
        ConsoleAdvice.requireAdmin(user);
        var page = PageRequest.of(PAGE_SIZE, cursor);
        var rows = page.page(deliveries.list(user.workspaceId(), page.beforeId(), page.fetchSize()),
                WebhookDelivery::id);
        model.addAttribute("section", "webhooks");
        model.addAttribute("deliveries", rows.data().stream().map(d -> new Row(d, PublicId.of(DELIVERY, d.id()))).toList());
        model.addAttribute("nextCursor", rows.nextCursor());
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        return "webhooks";
    }

    @PostMapping("/webhooks/deliveries/{id}/retry")
    String retry(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, RedirectAttributes redirect) {
        ConsoleAdvice.requireAdmin(user);
        deliveries.retryNow(user.workspaceId(), PublicId.require(DELIVERY, id, "Webhook delivery"));
        redirect.addFlashAttribute("notice", "webhooks.retried");
        return "redirect:/webhooks";
    }
}
