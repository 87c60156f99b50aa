package dev.recado.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Segments for other modules (the console): saved, counted, and counted before saving. */
public interface SegmentManagement {

    /** As the API states it: {@code {"field": "tag", "op": "has", "value": "vip"}}. */
    record Condition(String field, String op, Object value) {
    }

    record SegmentView(long id, String name, String match, List<Condition> conditions, Instant createdAt) {
    }

    List<SegmentView> list(long workspaceId, long beforeId, int limit);

    SegmentView require(long workspaceId, long id);

    SegmentView create(long workspaceId, String name, String match, List<Condition> conditions);

    /** Fields not null replace the saved ones; campaigns already running keep their audience. */
    SegmentView update(long workspaceId, long id, String name, String match, List<Condition> conditions);

    /** Refused (409 {@code segment_in_use}) while a scheduled, running or paused campaign uses it. */
    void delete(long workspaceId, long id);

    long count(long workspaceId, long segmentId);

    /** Conditions not saved yet; refused naming the bad condition as creating them would be. */
    long count(long workspaceId, String match, List<Condition> conditions);

    /**
     * Who a campaign on {@code channels} (tried in that order) reaches: per channel, how many of the
     * audience it is the first to reach with an identity there and consent for {@code purpose};
     * {@code unreachable}, how many none of them reaches.
     */
    record Reach(Map<String, Long> firstByChannel, long unreachable) {
    }

    /** Refused (422) naming the conditions, an unknown channel or purpose. */
    Reach reach(long workspaceId, String match, List<Condition> conditions, String purpose, List<String> channels);

    /** The first contact the conditions match: a sample recipient for previews. */
    Optional<Long> firstContact(long workspaceId, String match, List<Condition> conditions);

    /** The saved segment of everyone with a tag, created on first use so a campaign can name it. */
    SegmentView forTag(long workspaceId, String tag);
}
