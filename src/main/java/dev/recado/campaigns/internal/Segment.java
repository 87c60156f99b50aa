package dev.recado.campaigns.internal;

import java.time.Instant;
import java.util.List;

record Segment(long id, long workspaceId, String name, String match, List<SegmentCondition> conditions,
        Instant createdAt) {
}
