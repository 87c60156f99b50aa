package dev.recado.console.internal;

import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.common.WireEnum;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.NewConsent;
import dev.recado.consent.Purpose;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactManagement;
import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One contact: details and their edit form, tags, attributes, consent state and history, and the agent's consent form. */
@Controller
class ContactPageController {

    /** One line of the state table: a channel and where each purpose stands on it (null = no fact). */
    record StateRow(Channel channel, ConsentStatus marketing, ConsentStatus transactional) {
    }

    /** Channels a message can go out on; {@code all} is only a way of recording, not a row. */
    static final List<Channel> CHANNELS = Arrays.stream(Channel.values()).filter(c -> c != Channel.ALL).toList();

    private final ContactManagement contacts;
    private final ConsentManagement consent;
    private final ConsoleTexts texts;
    private final ProblemTexts problems;

    ContactPageController(ContactManagement contacts, ConsentManagement consent, ConsoleTexts texts,
            ProblemTexts problems) {
        this.problems = problems;
        this.contacts = contacts;
        this.consent = consent;
        this.texts = texts;
    }

    @GetMapping("/contacts/{id}")
    String contact(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        Contact contact = contacts.require(user.workspaceId(), PublicId.require(ConsoleFormat.CONTACT, id, "Contact"));
        return page(user, id, contact, ContactEditForm.of(contact), FormErrors.NONE, model);
    }

    @InitBinder("contactEditForm")
    void exactRows(WebDataBinder binder) {
        FormRows.exact(binder);
    }

    /** The edit form: a refusal shows the page again with each problem beside its field, nothing saved. */
    @PostMapping("/contacts/{id}")
    String edit(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
            @ModelAttribute ContactEditForm form, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        Contact contact = contacts.require(user.workspaceId(), PublicId.require(ConsoleFormat.CONTACT, id, "Contact"));
        try {
            contacts.update(user.workspaceId(), contact.id(), form.toInput());
            redirect.addFlashAttribute("notice", "contact.saved");
            return "redirect:/contacts/" + id;
        } catch (ApiException e) {
            if (e.status() >= 500 || e.status() == 404 || e.status() == 410) {
                throw e;
            }
            response.setStatus(e.status());
            return page(user, id, contact, form, problems.form(e), model);
        }
    }

    private String page(ConsoleUser user, String id, Contact contact, ContactEditForm form, FormErrors errors,
            Model model) {
        model.addAttribute("edit", form);
        model.addAttribute("errors", errors);
        Map<Channel, Map<Purpose, ConsentStatus>> state = consent.state(user.workspaceId(), contact.id());
        model.addAttribute("section", "contacts");
        model.addAttribute("contact", contact);
        model.addAttribute("contactId", id);
        model.addAttribute("state", CHANNELS.stream().map(c -> {
            var purposes = state.getOrDefault(c, Map.of());
            return new StateRow(c, purposes.get(Purpose.MARKETING), purposes.get(Purpose.TRANSACTIONAL));
        }).toList());
        var history = consent.history(user.workspaceId(), contact.id());
        model.addAttribute("history", history);
        model.addAttribute("actors", texts.actors(user.workspaceId(), history.stream().map(e -> e.actor()).toList()));
        model.addAttribute("channels", Channel.values());
        model.addAttribute("purposes", Purpose.values());
        model.addAttribute("statuses", ConsentStatus.values());
        return "contact";
    }

    /** An agent records what the person told them (on the phone, at the counter), as evidence. */
    @PostMapping("/contacts/{id}/consents")
    String record(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, @RequestParam String channel,
            @RequestParam String purpose, @RequestParam String status,
            @RequestParam(required = false) String evidence, RedirectAttributes redirect) {
        long contactId = contacts.require(user.workspaceId(), PublicId.require(ConsoleFormat.CONTACT, id, "Contact")).id();
        try {
            var fact = new NewConsent(WireEnum.require(Channel.class, channel, "channel"),
                    WireEnum.require(Purpose.class, purpose, "purpose"),
                    WireEnum.require(ConsentStatus.class, status, "status"), ConsentSource.AGENT,
                    ContactForm.blankToNull(evidence), "user:" + user.email(), null);
            var recorded = consent.record(user.workspaceId(), contactId, fact);
            redirect.addFlashAttribute("notice",
                    recorded.event().pendingConfirmation() ? "consent.recorded.pending" : "consent.recorded");
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            redirect.addFlashAttribute("consentError", problems.general(e));
        }
        return "redirect:/contacts/" + id + "#consent";
    }
}
