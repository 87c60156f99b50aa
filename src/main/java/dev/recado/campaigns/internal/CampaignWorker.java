package dev.recado.campaigns.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

/**
 * One node's share of the fan-out. Ownership lives in the database: a campaign is worked on by the
 * node holding its lease ({@code lease_owner}, {@code lease_until}), renewed before every page; a
 * node that dies stops renewing, and once the lease lapses any other node takes the campaign over
 * from its persisted cursor.
 */
class CampaignWorker {

    private static final Logger log = LoggerFactory.getLogger(CampaignWorker.class);

    private final CampaignStore campaigns;
    private final CampaignFanOut fanOut;
    private final Clock clock;
    private final String node;
    private final Duration lease;

    CampaignWorker(CampaignStore campaigns, CampaignFanOut fanOut, Clock clock, String node, Duration lease) {
        this.campaigns = campaigns;
        this.fanOut = fanOut;
        this.clock = clock;
        this.node = node;
        this.lease = lease;
    }

    String node() {
        return node;
    }

    /** Starts due campaigns and works one page of each workable one; true when some have more at once. */
    boolean runOnce() {
        Instant now = clock.instant();
        campaigns.startDue(now);
        boolean more = false;
        for (long id : campaigns.workable(node, now)) {
            Instant at = clock.instant();
            if (!campaigns.lease(id, node, at, at.plus(lease))) {
                continue;
            }
            try {
                more |= fanOut.page(id, node) == CampaignFanOut.Outcome.MORE;
            } catch (RuntimeException e) {
                // the lease runs out and the page is tried again, here or on another node
                // the root cause: the wrapping exception's text is mostly the SQL, which the log shortens
                log.warn("Campaign {} page failed: {}", id, NestedExceptionUtils.getMostSpecificCause(e).toString());
            }
        }
        return more;
    }
}
