package dev.recado.console.internal;

import dev.recado.billing.BillingManagement;
import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageDraft;
import dev.recado.messaging.MessageManagement;
import dev.recado.workspace.ConsoleUser;
import dev.recado.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletResponse;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The send form: a live quote as the user types, one message at once, and a tag or a pasted list
 * of numbers after a confirmation that shows how many people and what it costs. A batch loops over
 * the one-message send, each recipient with its own idempotency key.
 */
@Controller
class SendController {

    private final MessageManagement messages;
    private final BillingManagement billing;
    private final WorkspaceManagement workspaces;
    private final SendRecipients recipients;
    private final SendQuote quotes;
    private final MessageLogView view;
    private final ProblemTexts problems;

    SendController(MessageManagement messages, BillingManagement billing, WorkspaceManagement workspaces,
            SendRecipients recipients, SendQuote quotes, MessageLogView view, ProblemTexts problems) {
        this.messages = messages;
        this.billing = billing;
        this.workspaces = workspaces;
        this.recipients = recipients;
        this.quotes = quotes;
        this.view = view;
        this.problems = problems;
    }

    @PostMapping("/messages/quote")
    @ResponseBody
    SendQuote.Quote quote(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute SendForm form, Locale locale) {
        return quotes.quote(user.workspaceId(), form,
                DashboardController.balanceOrNull(billing, user.workspaceId()), locale);
    }

    /** One person: sent at once. A tag or a list: the confirmation page first. */
    @PostMapping("/messages")
    String send(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") SendForm form, Model model,
            HttpServletResponse response, Locale locale) {
        if (form.many()) {
            model.addAttribute("section", "messages");
            model.addAttribute("quote", quotes.quote(user.workspaceId(), form,
                    DashboardController.balanceOrNull(billing, user.workspaceId()), locale));
            return "send-confirm";
        }
        try {
            var result = messages.send(user.workspaceId(), form.toDraft(zone(user)));
            if (result instanceof Enqueued.Refused r) {
                throw refusal(r);
            }
            Message sent = ((Enqueued.Accepted) result).message();
            return "redirect:/messages/" + PublicId.of(ConsoleFormat.MESSAGE, sent.id());
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            response.setStatus(e.status());
            model.addAttribute("errors", problems.form(e));
            model.addAttribute("sendError", e.code());
            view.fill(user, MessageLogFilter.of(null, null, null, null, null, null), null, model);
            view.formChoices(user, model);
            return "messages";
        }
    }

    /** The confirmed batch: every recipient tried, the refusals counted by reason. */
    @PostMapping("/messages/batch")
    String batch(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute SendForm form, RedirectAttributes redirect) {
        var audience = recipients.resolve(user.workspaceId(), form);
        ZoneId zone = zone(user);
        int sent = 0;
        Map<String, Integer> refused = new LinkedHashMap<>();
        List<MessageDraft> drafts = audience.destinations().keySet().stream()
                .map(recipient -> form.toDraft(recipient, zone, form.key(recipient))).toList();
        // one transaction per thousand recipients, each answered on its own
        for (int from = 0; from < drafts.size(); from += 1_000) {
            for (Enqueued answer : messages.enqueue(user.workspaceId(), drafts.subList(from, Math.min(drafts.size(), from + 1_000)))) {
                if (answer instanceof Enqueued.Refused r) {
                    refused.merge(problems.send(refusal(r)), 1, Integer::sum);
                } else {
                    sent++;
                }
            }
        }
        redirect.addFlashAttribute("notice", "send.batch.done");
        redirect.addFlashAttribute("noticeArg", sent);
        redirect.addFlashAttribute("batchRefused", refused);
        return "redirect:/messages";
    }

    private static ApiException refusal(Enqueued.Refused r) {
        return new ApiException(422, r.code(), r.detail(), r.errors(), Map.of());
    }

    private ZoneId zone(ConsoleUser user) {
        try {
            return workspaces.find(user.workspaceId()).map(w -> ZoneId.of(w.timezone())).orElse(ZoneId.of("UTC"));
        } catch (DateTimeException | NullPointerException e) {
            return ZoneId.of("UTC");
        }
    }
}
