package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.messaging.spi.TemplateRenderer;
import dev.recado.workspace.WorkspaceManagement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Templates for single messages ({@code POST /v1/messages} with {@code template.id}): the variant
 * of the channel in the contact's language (else the workspace's), rendered as a campaign renders
 * it, with the request's {@code params} over the contact's fields. Links are left as written: a
 * message outside a campaign has no tracked links and no unsubscribe page. A campaign's message
 * (one with a channel order, rendered per channel by acceptance) gets the content its occurrence
 * copied and the recipient's short links and unsubscribe link, which the fan-out stored before.
 */
@Component
class MessageTemplateRenderer implements TemplateRenderer {

    private final TemplateStore store;
    private final CampaignSnapshots snapshots;
    private final LinkStore linkStore;
    private final TrackedLinks links;
    private final WorkspaceManagement workspaces;
    private final Clock clock;

    MessageTemplateRenderer(TemplateStore store, CampaignSnapshots snapshots, LinkStore linkStore, TrackedLinks links,
            WorkspaceManagement workspaces, Clock clock) {
        this.store = store;
        this.snapshots = snapshots;
        this.linkStore = linkStore;
        this.links = links;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    @Override
    public Set<String> unknown(long workspaceId, Set<String> templateIds) {
        Set<String> unknown = new HashSet<>();
        // deleted ones pass here: a campaign's fallback message may still name one, and render decides
        templateIds.forEach(id -> {
            if (PublicId.parse(TemplateController.PREFIX, id).flatMap(t -> store.findAny(workspaceId, t)).isEmpty()) {
                unknown.add(id);
            }
        });
        return unknown;
    }

    @Override
    public List<Result> render(long workspaceId, List<Request> requests) {
        String fallback = workspaces.require(workspaceId).defaultLanguage();
        Map<String, Optional<MessageTemplate>> templates = new HashMap<>();
        Map<String, CompiledCampaign> compiled = new HashMap<>();
        Map<Long, Map<Long, List<RecipientLinks.Row>>> stored = storedLinks(requests);
        Map<Long, List<RecipientLinks>> fresh = new HashMap<>();
        List<Result> results = new ArrayList<>(requests.size());
        for (Request r : requests) {
            String key = r.templateId() + "@" + r.campaignId();
            var template = templates.computeIfAbsent(key, k -> find(workspaceId, r.templateId(), r.campaignId()))
                    .orElse(null);
            if (template == null) {
                results.add(Result.refused("validation_failed", "template.id", "is not a template of this workspace"));
                continue;
            }
            var forChannel = compiled.computeIfAbsent(key + "/" + r.channel(),
                    k -> new CompiledCampaign(template, r.channel(), fallback));
            RecipientLinks recipientLinks = r.campaignId() == null ? null : links.forRecipient(r.contact().id(),
                    stored.get(r.campaignId()).getOrDefault(r.contact().id(), List.of()));
            try {
                results.add(forChannel.render(r.contact(), r.marketing(), recipientLinks, r.params())
                        .map(c -> Result.of(c.content()))
                        .orElseGet(() -> Result.refused(VARIANT_MISSING, "template.id",
                                "has no " + r.channel() + " variant")));
            } catch (ApiException e) {
                results.add(Result.refused(e.code(), "template.id", e.getMessage()));
            }
            if (recipientLinks != null && !recipientLinks.fresh().isEmpty()) {
                fresh.computeIfAbsent(r.campaignId(), k -> new ArrayList<>()).add(recipientLinks);
            }
        }
        // the fan-out drew every channel's links; only content it could not render leaves new ones
        fresh.forEach((campaign, recipients) -> linkStore.insert(workspaceId, campaign,
                requests.stream().filter(r -> campaign.equals(r.campaignId())).findFirst().orElseThrow().channel(),
                recipients, clock.instant()));
        return results;
    }

    /** Per campaign, the short links stored for the contacts of these requests (one range read each). */
    private Map<Long, Map<Long, List<RecipientLinks.Row>>> storedLinks(List<Request> requests) {
        Map<Long, long[]> ranges = new HashMap<>();
        for (Request r : requests) {
            if (r.campaignId() != null) {
                long id = r.contact().id();
                ranges.merge(r.campaignId(), new long[] {id, id},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        Map<Long, Map<Long, List<RecipientLinks.Row>>> stored = new HashMap<>();
        ranges.forEach((campaign, range) -> stored.put(campaign, linkStore.stored(campaign, range[0] - 1, range[1])));
        return stored;
    }

    /** A campaign's message: the template as the campaign's latest occurrence copied it, deleted since or not. */
    private Optional<MessageTemplate> find(long workspaceId, String publicId, Long campaignId) {
        Optional<Long> id = PublicId.parse(TemplateController.PREFIX, publicId);
        if (campaignId == null || id.isEmpty()) {
            return id.flatMap(t -> store.find(workspaceId, t));
        }
        return snapshots.latestTemplate(workspaceId, campaignId, id.get())
                .or(() -> store.findAny(workspaceId, id.get()));
    }
}
