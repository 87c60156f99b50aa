package dev.recado.messaging.internal;

import dev.recado.consent.Purpose;
import dev.recado.messaging.Content;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.spi.TemplateRenderer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Drafts that carry a Recado template get their content for the channel being tried: one call to
 * the {@link TemplateRenderer} for the batch (or the round of a channel order). Without a renderer
 * (a slice of the application without campaigns) such drafts are refused.
 */
@Component
class TemplatedContent {

    private final ObjectProvider<TemplateRenderer> renderer;

    TemplatedContent(ObjectProvider<TemplateRenderer> renderer) {
        this.renderer = renderer;
    }

    /** Before any channel is tried: a template that does not exist refuses the draft whatever its channels. */
    void refuseUnknown(long workspaceId, List<AcceptanceItem> items, Enqueued[] results) {
        Set<String> ids = new HashSet<>();
        items.forEach(i -> {
            if (i.draft.content() instanceof Content.RecadoTemplate t) {
                ids.add(t.id());
            }
        });
        if (ids.isEmpty()) {
            return;
        }
        TemplateRenderer r = renderer.getIfAvailable();
        Set<String> unknown = r == null ? ids : r.unknown(workspaceId, ids);
        if (unknown.isEmpty()) {
            return;
        }
        items.removeIf(i -> {
            if (i.draft.content() instanceof Content.RecadoTemplate t && unknown.contains(t.id())) {
                results[i.index] = Enqueued.Refused.field("validation_failed", "template.id",
                        "is not a template of this workspace");
                return true;
            }
            return false;
        });
    }

    /** Sets each item's content for its channel; refuses the drafts whose template has no variant for it. */
    void render(long workspaceId, List<AcceptanceItem> items, Enqueued[] results) {
        List<AcceptanceItem> templated = new ArrayList<>();
        List<TemplateRenderer.Request> requests = new ArrayList<>();
        for (AcceptanceItem i : items) {
            if (i.draft.content() instanceof Content.RecadoTemplate t) {
                templated.add(i);
                requests.add(new TemplateRenderer.Request(t.id(), i.channel, i.contact, i.purpose == Purpose.MARKETING,
                        t.params() == null ? java.util.Map.of() : t.params(), i.draft.campaignId()));
            } else {
                i.content = i.draft.content();
            }
        }
        if (templated.isEmpty()) {
            return;
        }
        List<TemplateRenderer.Result> rendered = renderer.getObject().render(workspaceId, requests);
        Set<AcceptanceItem> refused = new HashSet<>();
        for (int n = 0; n < templated.size(); n++) {
            AcceptanceItem item = templated.get(n);
            var result = rendered.get(n);
            if (result.content() != null) {
                item.content = result.content();
            } else {
                results[item.index] = Enqueued.Refused.field(result.code(), result.field(), result.detail());
                refused.add(item);
            }
        }
        items.removeAll(refused);
    }
}
