package dev.recado.messaging.internal;

import dev.recado.messaging.Enqueued;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The acceptance checks a channel brings with it: destinations a provider reported unreachable
 * (email hard bounces), the customer service window (WhatsApp) and a sender's synced templates.
 * Each works on the whole batch with one query per channel or sender, and removes what it refuses
 * from {@code items} after writing its answer into {@code results}.
 */
@Component
class ChannelGates {

    private final DestinationReports destinations;
    private final ServiceWindows windows;
    private final ProviderTemplates templates;

    ChannelGates(DestinationReports destinations, ServiceWindows windows, ProviderTemplates templates) {
        this.destinations = destinations;
        this.windows = windows;
        this.templates = templates;
    }

    /** Addresses a provider reported as permanently unreachable (a hard bounce): one query per channel. */
    void refuseUndeliverable(long workspaceId, List<AcceptanceItem> items, Enqueued[] results) {
        Map<String, List<AcceptanceItem>> byChannel = new HashMap<>();
        items.forEach(i -> byChannel.computeIfAbsent(i.channel, k -> new ArrayList<>()).add(i));
        Set<AcceptanceItem> refused = new HashSet<>();
        byChannel.forEach((channel, group) -> {
            var bad = destinations.undeliverable(workspaceId, channel, group.stream().map(i -> i.destination).toList());
            for (AcceptanceItem item : group) {
                var health = bad.get(DestinationReports.normalize(item.destination));
                if (health != null) {
                    results[item.index] = Enqueued.Refused.field(DestinationReports.refusalCode(channel), "to",
                            health.detail());
                    refused.add(item);
                }
            }
        });
        items.removeAll(refused);
    }

    /**
     * Free-form content on a channel with a customer service window (WhatsApp) only while the
     * customer's last message is recent enough; a template any time (and a utility template inside
     * the window is free). One query per sender.
     */
    void checkWindows(List<AcceptanceItem> items, Enqueued[] results, Instant now) {
        Map<Long, List<AcceptanceItem>> bySender = new HashMap<>();
        items.stream().filter(i -> i.sender.capabilities().freeTextNeedsWindow())
                .forEach(i -> bySender.computeIfAbsent(i.sender.sender().id(), k -> new ArrayList<>()).add(i));
        Set<AcceptanceItem> refused = new HashSet<>();
        bySender.forEach((sender, group) -> {
            Set<Long> open = windows.open(sender, group.stream().map(i -> i.contact.id()).collect(java.util.stream.Collectors.toSet()), now);
            for (AcceptanceItem i : group) {
                i.windowOpen = open.contains(i.contact.id());
                if (!i.windowOpen && !i.content.kind().equals("template")) {
                    results[i.index] = Enqueued.Refused.of("outside_customer_service_window", "The customer has not written to "
                            + "this " + i.channel + " number in the last 24 hours; only a template may be sent");
                    refused.add(i);
                }
            }
        });
        items.removeAll(refused);
    }

    /** A sender whose provider templates were synced sends only approved ones; each brings its category. */
    void checkTemplates(List<AcceptanceItem> items, Enqueued[] results) {
        Map<Long, Map<String, dev.recado.messaging.spi.ProviderTemplate>> bySender = new HashMap<>();
        items.removeIf(i -> {
            if (!(i.content instanceof dev.recado.messaging.Content.TemplateRef ref)) {
                return false;
            }
            var judged = ProviderTemplates.judge(bySender.computeIfAbsent(i.sender.sender().id(), templates::of),
                    ref.name(), ref.language());
            if (!judged.accepted()) {
                results[i.index] = Enqueued.Refused.field("template_not_approved", "template.name", judged.template() == null
                        ? "is not a template of this sender in language " + ref.language()
                        : "is " + judged.status() + ", not approved");
                return true;
            }
            i.templateCategory = judged.category();
            return false;
        });
    }
}
