package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.common.PublicId;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactManagement;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.MessageDraft;
import dev.recado.messaging.MessageManagement;
import dev.recado.workspace.WorkspaceManagement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A campaign's content sent now to a few seed recipients, whatever the campaign's state: rendered
 * for each as the fan-out would, through the engine (so consent, quiet hours and caps still apply),
 * but without the campaign's id or client reference, so its counters and report never see them.
 * The messages carry {@code metadata.campaign_test}. Short links are samples of the real length,
 * never stored, as in the template preview: the text is the campaign's, a click leads nowhere.
 */
@Service
class CampaignTestSends {

    static final int MAX_RECIPIENTS = 10;

    record Request(List<String> to, Integer variant) {
    }

    /** One seed recipient's outcome: the message made, or the engine's refusal. */
    record Outcome(String to, Long messageId, String status, String error, String detail) {
    }

    private final CampaignService campaigns;
    private final TemplateStore templates;
    private final AbTestStore abTests;
    private final ContactManagement contacts;
    private final WorkspaceManagement workspaces;
    private final MessageManagement messages;
    private final TrackedLinks links;

    CampaignTestSends(CampaignService campaigns, TemplateStore templates, AbTestStore abTests,
            ContactManagement contacts, WorkspaceManagement workspaces, MessageManagement messages, TrackedLinks links) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.abTests = abTests;
        this.contacts = contacts;
        this.workspaces = workspaces;
        this.messages = messages;
        this.links = links;
    }

    List<Outcome> send(long workspaceId, long campaignId, Request r) {
        Campaign c = campaigns.require(workspaceId, campaignId);
        List<FieldProblem> problems = new ArrayList<>();
        List<String> to = r == null || r.to() == null ? List.of() : r.to();
        if (to.isEmpty() || to.size() > MAX_RECIPIENTS) {
            problems.add(new FieldProblem("to", "give one to " + MAX_RECIPIENTS + " phone numbers or contact ids"));
        }
        List<Long> variants = abTests.find(c.id()).map(AbTest::templateIds).orElse(List.of(c.templateId()));
        Integer variant = r == null ? null : r.variant();
        if (variant != null && (variant < 0 || variant >= variants.size())) {
            problems.add(new FieldProblem("variant", "must be a variant index of the campaign's A/B test (0 to "
                    + (variants.size() - 1) + ")"));
        }
        // contacts and E.164 numbers first: a refused list makes no contact for its numbers
        List<Object> found = new ArrayList<>();
        for (int i = 0; i < to.size() && problems.size() < MAX_RECIPIENTS; i++) {
            Optional<?> recipient = recipient(workspaceId, to.get(i));
            if (recipient.isEmpty()) {
                problems.add(new FieldProblem("to[" + i + "]", "must be a contact id (ct_…) of this workspace or a valid"
                        + " phone number"));
            } else {
                found.add(recipient.get());
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        // a number's contact is made on first use, as a send to the number would
        List<Contact> recipients = found.stream().map(f -> f instanceof Contact c0 ? c0
                : contacts.findOrCreateByPhone(workspaceId, (String) f)).toList();
        MessageTemplate template = templates.find(workspaceId, variants.get(variant == null ? 0 : variant)).orElseThrow();
        var compiled = new CompiledCampaign(template, c.channel(), workspaces.require(workspaceId).defaultLanguage());
        List<MessageDraft> drafts = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            Contact contact = recipients.get(i);
            Optional<RenderedContent> content = compiled.render(contact, "marketing".equals(c.purpose()),
                    links.forRecipient(contact.id()));
            if (content.isEmpty()) {
                outcomes.add(new Outcome(to.get(i), null, null, "invalid", "the template has no " + c.channel() + " variant"));
                continue;
            }
            drafts.add(new MessageDraft(PublicId.of("ct_", contact.id()), c.channel(), c.from(), content.get().content(),
                    c.purpose(), null, null, null, Map.of("campaign_test", PublicId.of(CampaignController.PREFIX, c.id())),
                    null, true, false, null, null, null));
            outcomes.add(null);
        }
        List<Enqueued> answers = drafts.isEmpty() ? List.of() : messages.enqueue(workspaceId, drafts);
        int next = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) != null) {
                continue;
            }
            outcomes.set(i, switch (answers.get(next++)) {
                case Enqueued.Accepted a -> new Outcome(to.get(i), a.message().id(), a.message().status().toString(), null, null);
                case Enqueued.Refused f -> new Outcome(to.get(i), null, null, f.code(), f.detail());
            });
        }
        return outcomes;
    }

    /** A contact of the workspace for a contact id, or the E.164 form of a phone number. */
    private Optional<?> recipient(long workspaceId, String to) {
        if (to == null || to.isBlank()) {
            return Optional.empty();
        }
        if (to.startsWith("ct_")) {
            return PublicId.parse("ct_", to).flatMap(id -> contacts.find(workspaceId, id)).filter(c -> c.erasedAt() == null);
        }
        return contacts.normalizePhone(workspaceId, to);
    }
}
