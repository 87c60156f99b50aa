package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.messaging.spi.TemplateRenderer;
import dev.recado.workspace.WorkspaceManagement;
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
 * message outside a campaign has no tracked links and no unsubscribe page.
 */
@Component
class MessageTemplateRenderer implements TemplateRenderer {

    private final TemplateStore store;
    private final WorkspaceManagement workspaces;

    MessageTemplateRenderer(TemplateStore store, WorkspaceManagement workspaces) {
        this.store = store;
        this.workspaces = workspaces;
    }

    @Override
    public Set<String> unknown(long workspaceId, Set<String> templateIds) {
        Set<String> unknown = new HashSet<>();
        templateIds.forEach(id -> {
            if (find(workspaceId, id).isEmpty()) {
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
        List<Result> results = new ArrayList<>(requests.size());
        for (Request r : requests) {
            var template = templates.computeIfAbsent(r.templateId(), id -> find(workspaceId, id)).orElse(null);
            if (template == null) {
                results.add(Result.refused("validation_failed", "template.id", "is not a template of this workspace"));
                continue;
            }
            var forChannel = compiled.computeIfAbsent(r.templateId() + "/" + r.channel(),
                    k -> new CompiledCampaign(template, r.channel(), fallback));
            try {
                results.add(forChannel.render(r.contact(), r.marketing(), null, r.params())
                        .map(c -> Result.of(c.content()))
                        .orElseGet(() -> Result.refused(VARIANT_MISSING, "template.id",
                                "has no " + r.channel() + " variant")));
            } catch (ApiException e) {
                results.add(Result.refused(e.code(), "template.id", e.getMessage()));
            }
        }
        return results;
    }

    private Optional<MessageTemplate> find(long workspaceId, String publicId) {
        return PublicId.parse(TemplateController.PREFIX, publicId).flatMap(id -> store.find(workspaceId, id));
    }
}
