package dev.recado.campaigns;

import java.util.List;

/** A workspace's campaigns by name, newest first: what other modules show or filter by. */
public interface CampaignDirectory {

    record CampaignName(long id, String name) {
    }

    List<CampaignName> recent(long workspaceId, int limit);
}
