package dev.recado.messaging.internal;

import dev.recado.messaging.MarketingOutlook;
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

    /**
     * The workspace's rules as they stand at {@code now}: quiet hours' next opening per zone (asked
     * once per zone) and the cap's test. Acceptance decides with it, and so does a campaign's review
     * estimate ({@link SendEstimatesFront}), so both hold and skip the same recipients.
     */
    final class Outlook implements MarketingOutlook {
        private final MarketingRules.Rules rules;
        private final Instant now;
        private final ZoneId fallback;
        private final Map<ZoneId, Instant> openingNow = new HashMap<>();

        private Outlook(long workspaceId, Instant now) {
            this.rules = MarketingGate.this.rules.rules(workspaceId);
            this.now = now;
            this.fallback = rules.quietHours().alwaysOpen() ? ZoneOffset.UTC
                    : zone(workspaces.require(workspaceId).timezone(), ZoneOffset.UTC);
        }

        /** When a message for a contact in {@code contactZone} (null: the workspace's) due at {@code sendAt} (null: now) may go. */
        Instant opening(String contactZone, Instant sendAt) {
            QuietHours quiet = rules.quietHours();
            if (quiet.alwaysOpen()) {
                return sendAt != null ? sendAt : now;
            }
            ZoneId zone = zone(contactZone, fallback);
            return sendAt != null ? quiet.nextOpening(zone, sendAt)
                    : openingNow.computeIfAbsent(zone, z -> quiet.nextOpening(z, now));
        }

        @Override
        public boolean defers(String contactZone) {
            return opening(contactZone, null).isAfter(now);
        }

        @Override
        public Integer capMessages() {
            return rules.cap() == null ? null : rules.cap().messages();
        }

        /** Drops the recorded times that fell out of the cap's period, in place. */
        void forget(List<Instant> recorded) {
            Instant periodStart = now.minus(Duration.ofDays(rules.cap().days()));
            recorded.removeIf(t -> !t.isAfter(periodStart));
        }

        boolean full(List<Instant> withinPeriod, int passing) {
            return withinPeriod.size() + passing >= rules.cap().messages();
        }

        @Override
        public boolean atCap(String recordedSends) {
            if (rules.cap() == null) {
                return false;
            }
            List<Instant> recorded = FrequencyCaps.parse(recordedSends);
            forget(recorded);
            return full(recorded, 0);
        }
    }

    Outlook outlook(long workspaceId, Instant now) {
        return new Outlook(workspaceId, now);
    }

    /** Defers and caps the candidates in place; null when no cap applies. */
    Pending apply(long workspaceId, List<Candidate> candidates, Instant now) {
        if (candidates.isEmpty()) {
            return null;
        }
        Outlook outlook = outlook(workspaceId, now);
        for (Candidate c : candidates) {
            Instant at = c.sendAt != null ? c.sendAt : now;
            Instant opening = outlook.opening(c.zone, c.sendAt);
            if (opening.isAfter(at)) {
                c.sendAt = opening;
                c.deferred = true;
            }
        }
        MarketingRules.Cap cap = outlook.rules.cap();
        if (cap == null) {
            return null;
        }
        Map<Long, List<Instant>> sends = caps.lock(candidates.stream().map(c -> c.contactId).toList());
        sends.values().forEach(outlook::forget);
        Map<Long, Integer> passing = new HashMap<>();
        for (Candidate c : candidates) {
            if (outlook.full(sends.get(c.contactId), passing.getOrDefault(c.contactId, 0))) {
                c.capped = true;
            } else {
                passing.merge(c.contactId, 1, Integer::sum);
            }
        }
        return new Pending(sends, cap.messages(), cap.days());
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
