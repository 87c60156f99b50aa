package dev.recado.messaging.internal;

import dev.recado.workspace.WorkspaceManagement;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The workspace's rules applied to a batch's marketing messages at acceptance. Quiet hours move a
 * message due outside the recipient's window (the contact's time zone, else the workspace's) to
 * the next opening, computed once per zone; the frequency cap refuses a contact who had enough,
 * with the counter rows locked until the batch commits. One read of the rules per batch.
 */
@Component
class MarketingGate {

    /** One marketing message: its contact and zone, and the time it asked for (null: now). */
    static final class Candidate {
        final long contactId;
        final String zone;
        Instant sendAt;
        boolean deferred;
        boolean capped;

        Candidate(long contactId, String zone, Instant sendAt) {
            this.contactId = contactId;
            this.zone = zone;
            this.sendAt = sendAt;
        }
    }

    /** The cap's locked counters, to be written back for the candidates still accepted at the end. */
    record Pending(Map<Long, List<Instant>> sends, int limit, int days) {
    }

    private final MarketingRules rules;
    private final FrequencyCaps caps;
    private final WorkspaceManagement workspaces;

    MarketingGate(MarketingRules rules, FrequencyCaps caps, WorkspaceManagement workspaces) {
        this.rules = rules;
        this.caps = caps;
        this.workspaces = workspaces;
    }

    /** Defers and caps the candidates in place; null when no cap applies. */
    Pending apply(long workspaceId, List<Candidate> candidates, Instant now) {
        if (candidates.isEmpty()) {
            return null;
        }
        MarketingRules.Rules r = rules.rules(workspaceId);
        QuietHours quiet = r.quietHours();
        if (!quiet.alwaysOpen()) {
            ZoneId fallback = zone(workspaces.require(workspaceId).timezone(), ZoneOffset.UTC);
            Map<ZoneId, Instant> openingNow = new HashMap<>();
            for (Candidate c : candidates) {
                ZoneId zone = zone(c.zone, fallback);
                Instant at = c.sendAt != null ? c.sendAt : now;
                Instant opening = c.sendAt != null ? quiet.nextOpening(zone, at)
                        : openingNow.computeIfAbsent(zone, z -> quiet.nextOpening(z, now));
                if (opening.isAfter(at)) {
                    c.sendAt = opening;
                    c.deferred = true;
                }
            }
        }
        if (r.cap() == null) {
            return null;
        }
        Map<Long, List<Instant>> sends = caps.lock(candidates.stream().map(c -> c.contactId).toList());
        Instant periodStart = now.minus(Duration.ofDays(r.cap().days()));
        sends.values().forEach(times -> times.removeIf(t -> !t.isAfter(periodStart)));
        Map<Long, Integer> passing = new HashMap<>();
        for (Candidate c : candidates) {
            int had = sends.get(c.contactId).size() + passing.getOrDefault(c.contactId, 0);
            if (had >= r.cap().messages()) {
                c.capped = true;
            } else {
                passing.merge(c.contactId, 1, Integer::sum);
            }
        }
        return new Pending(sends, r.cap().messages(), r.cap().days());
    }

    /** The candidates accepted in the end count against their contacts' cap. */
    void record(Pending pending, List<Candidate> accepted, Instant now) {
        for (Candidate c : accepted) {
            pending.sends().get(c.contactId).add(c.sendAt != null ? c.sendAt : now);
        }
        caps.record(pending.sends());
    }

    private static ZoneId zone(String name, ZoneId fallback) {
        try {
            return name == null ? fallback : ZoneId.of(name);
        } catch (DateTimeException e) {
            return fallback;
        }
    }
}
