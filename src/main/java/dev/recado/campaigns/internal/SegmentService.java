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
    private final Clock clock;

    SegmentService(SegmentStore store, Audience audience, Clock clock) {
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
