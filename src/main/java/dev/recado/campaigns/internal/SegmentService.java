package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

@Service
class SegmentService {

    private final SegmentStore store;
    private final Audience audience;
    private final ContentInUse inUse;
    private final Clock clock;

    SegmentService(SegmentStore store, Audience audience, ContentInUse inUse, Clock clock) {
        this.inUse = inUse;
        this.store = store;
        this.audience = audience;
        this.clock = clock;
    }

    Segment create(long workspaceId, String name, String match, List<SegmentCondition> conditions) {
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add(new FieldProblem("name", "is required, at most 200 characters"));
        }
        SegmentWhere.check(match, conditions, clock.instant(), problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return store.insert(workspaceId, name.strip(), match == null ? "all" : match,
                conditions == null ? List.of() : List.copyOf(conditions), clock.instant());
    }

    /** A PATCH: each field given replaces the saved one; running campaigns keep their copy ({@link CampaignSnapshots}). */
    Segment update(long workspaceId, long id, String name, String match, List<SegmentCondition> conditions) {
        Segment saved = require(workspaceId, id);
        String n = name != null ? name : saved.name();
        String m = match != null ? match : saved.match();
        List<SegmentCondition> c = conditions != null ? conditions : saved.conditions();
        List<FieldProblem> problems = new ArrayList<>();
        if (n.isBlank() || n.length() > 200) {
            problems.add(new FieldProblem("name", "is required, at most 200 characters"));
        }
        SegmentWhere.check(m, c, clock.instant(), problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        var updated = new Segment(id, workspaceId, n.strip(), m, List.copyOf(c), saved.createdAt());
        if (!store.update(updated)) {
            throw ApiException.notFound("Segment");
        }
        return updated;
    }

    /** Refused while a campaign that may still send uses it; the row stays for the campaigns that did. */
    @org.springframework.transaction.annotation.Transactional
    void delete(long workspaceId, long id) {
        require(workspaceId, id);
        inUse.refuseSegment(workspaceId, id);
        store.delete(workspaceId, id, clock.instant());
    }

    Segment require(long workspaceId, long id) {
        return store.find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Segment"));
    }

    List<Segment> list(long workspaceId, long beforeId, int limit) {
        return store.list(workspaceId, beforeId, limit);
    }

    /** The predicate as of now: {@code within_days} moves with the clock. */
    SegmentWhere where(Segment segment) {
        return SegmentWhere.of(segment.match(), segment.conditions(), clock.instant());
    }

    long count(Segment segment) {
        return audience.count(segment.workspaceId(), where(segment));
    }
}
