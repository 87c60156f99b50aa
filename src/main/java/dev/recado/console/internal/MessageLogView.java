package dev.recado.console.internal;

import dev.recado.campaigns.CampaignDirectory;
import dev.recado.common.PublicId;
import java.util.Map;

import dev.recado.common.ApiException;
import dev.recado.common.Page;
import dev.recado.common.PageRequest;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageFilter;
import dev.recado.messaging.MessageManagement;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.SenderDirectory;
import dev.recado.workspace.ConsoleUser;
import dev.recado.workspace.WorkspaceManagement;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What the messages page shows: a page of the log under its filter, and the send form's choices. */
@Component
class MessageLogView {

    static final int PAGE_SIZE = 25;
    /** Validity choices of the send form, in seconds (empty: the sender's default). */
    static final List<Integer> VALIDITIES = List.of(3600, 4 * 3600, 24 * 3600, 72 * 3600);

    private final MessageManagement messages;
    private final SenderDirectory senders;
    private final PeopleNames names;
    private final WorkspaceManagement workspaces;
    private final ProblemTexts problems;
    private final CampaignDirectory campaigns;

    MessageLogView(MessageManagement messages, SenderDirectory senders, PeopleNames names,
            WorkspaceManagement workspaces, ProblemTexts problems, CampaignDirectory campaigns) {
        this.campaigns = campaigns;
        this.workspaces = workspaces;
        this.problems = problems;
        this.messages = messages;
        this.senders = senders;
        this.names = names;
    }

    /** False when the filter itself is wrong: the page then says why beside an empty log. */
    boolean fill(ConsoleUser user, MessageLogFilter filter, String cursor, Model model) {
        var page = PageRequest.of(PAGE_SIZE, cursor);
        Long contactId = filter.contact() == null ? null : names.contactMeant(user.workspaceId(), filter.contact());
        MessageFilter wanted;
        try {
            wanted = filter.toFilter(contactId, ZoneId.of(workspaces.require(user.workspaceId()).timezone()));
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("filterError", problems.general(e));
            wanted = null;
        }
        var rows = wanted == null ? new Page<Message>(List.of(), null)
                : page.page(messages.list(user.workspaceId(), wanted, page.beforeId(), page.fetchSize()), Message::id);
        model.addAttribute("contactNames", names.contacts(user.workspaceId(),
                rows.data().stream().map(Message::contactId).toList()));
        model.addAttribute("senderNames", names.senders(user.workspaceId()));
        model.addAttribute("section", "messages");
        model.addAttribute("filter", filter);
        model.addAttribute("statuses", MessageStatus.values());
        model.addAttribute("directions", MessageLogFilter.DIRECTIONS);
        model.addAttribute("campaigns", campaigns.recent(user.workspaceId(), 100).stream()
                .map(c -> Map.entry(PublicId.of("cmp_", c.id()), c.name())).toList());
        model.addAttribute("log", rows.data());
        model.addAttribute("nextCursor", rows.nextCursor());
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        return wanted != null;
    }

    /** The send form's choices: the workspace's SMS senders that are on, and validities. */
    void formChoices(ConsoleUser user, Model model) {
        model.addAttribute("senders", senders.list(user.workspaceId()).stream()
                .filter(s -> s.enabled() && "sms".equals(s.channel())).toList());
        model.addAttribute("validities", VALIDITIES);
    }
}
