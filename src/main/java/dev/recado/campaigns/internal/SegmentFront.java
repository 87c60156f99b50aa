package dev.recado.campaigns.internal;

import dev.recado.campaigns.SegmentManagement;
import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** {@link SegmentManagement} over the segment service and audience queries the REST API and runner use. */
@Service
class SegmentFront implements SegmentManagement {

    /** How many saved segments are looked through for a tag's own segment before a new one is made. */
    private static final int TAG_LOOKUP = 500;

    private final SegmentService segments;
    private final Audience audience;
    private final ReviewEstimator estimator;
    private final Clock clock;

    SegmentFront(SegmentService segments, Audience audience, ReviewEstimator estimator, Clock clock) {
        this.segments = segments;
        this.audience = audience;
        this.estimator = estimator;
        this.clock = clock;
    }

    @Override
    public List<SegmentView> list(long workspaceId, long beforeId, int limit) {
        return segments.list(workspaceId, beforeId, limit).stream().map(SegmentFront::view).toList();
    }

    @Override
    public SegmentView require(long workspaceId, long id) {
        return view(segments.require(workspaceId, id));
    }

    @Override
    public SegmentView create(long workspaceId, String name, String match, List<Condition> conditions) {
        return view(segments.create(workspaceId, name, match, conditions(conditions)));
    }

    @Override
    public SegmentView update(long workspaceId, long id, String name, String match, List<Condition> conditions) {
        return view(segments.update(workspaceId, id, name, match, conditions(conditions)));
    }

    @Override
    public void delete(long workspaceId, long id) {
        segments.delete(workspaceId, id);
    }

    @Override
    public long count(long workspaceId, long segmentId) {
        return segments.count(segments.require(workspaceId, segmentId));
    }

    @Override
    public long count(long workspaceId, String match, List<Condition> conditions) {
        return audience.count(workspaceId, SegmentWhere.of(match, conditions(conditions), clock.instant()));
    }

    @Override
    public Reach reach(long workspaceId, String match, List<Condition> conditions, String purpose,
            List<String> channels) {
        SegmentWhere where = checked(match, conditions, purpose, channels);
        Map<String, Long> counts = audience.firstReachable(workspaceId, where, purpose,
                List.copyOf(new LinkedHashSet<>(channels)));
        long unreachable = counts.remove("");
        return new Reach(counts, unreachable);
    }

    @Override
    public Estimate estimate(long workspaceId, String match, List<Condition> conditions, String purpose,
            List<ChannelContent> channels, boolean cheapest, Instant at) {
        SegmentWhere where = checked(match, conditions, purpose, channels.stream().map(ChannelContent::channel).toList());
        Map<String, ChannelContent> once = new LinkedHashMap<>();
        channels.forEach(c -> once.putIfAbsent(c.channel(), c));
        return estimator.estimate(workspaceId, where, purpose, List.copyOf(once.values()), cheapest, at);
    }

    /** The audience's predicate; refused (422) naming the conditions, the purpose or an unknown channel. */
    private SegmentWhere checked(String match, List<Condition> conditions, String purpose, List<String> channels) {
        List<FieldProblem> problems = new ArrayList<>();
        SegmentWhere where = SegmentWhere.check(match, conditions(conditions), clock.instant(), problems);
        if (!TemplateService.PURPOSES.contains(purpose == null ? "" : purpose)) {
            problems.add(new FieldProblem("purpose", "must be marketing or transactional"));
        }
        for (int i = 0; i < channels.size(); i++) {
            if (!TemplateService.CHANNELS.contains(channels.get(i) == null ? "" : channels.get(i))) {
                problems.add(new FieldProblem("channels[" + i + "]", "must be one of "
                        + new TreeSet<>(TemplateService.CHANNELS)));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return where;
    }

    @Override
    public Optional<Long> firstContact(long workspaceId, String match, List<Condition> conditions) {
        return audience.page(workspaceId, SegmentWhere.of(match, conditions(conditions), clock.instant()), 0, 1)
                .stream().findFirst().map(dev.recado.contacts.Contact::id);
    }

    @Override
    public SegmentView forTag(long workspaceId, String tag) {
        var condition = new SegmentCondition("tag", "has", tag);
        String name = "#" + tag;
        return segments.list(workspaceId, Long.MAX_VALUE, TAG_LOOKUP).stream()
                .filter(s -> s.name().equals(name) && s.conditions().equals(List.of(condition))).findFirst()
                .map(SegmentFront::view)
                .orElseGet(() -> view(segments.create(workspaceId, name, "all", List.of(condition))));
    }

    private static List<SegmentCondition> conditions(List<Condition> conditions) {
        return conditions == null ? null : conditions.stream()
                .map(c -> c == null ? null : new SegmentCondition(c.field(), c.op(), c.value())).toList();
    }

    static SegmentView view(Segment s) {
        return new SegmentView(s.id(), s.name(), s.match(), s.conditions().stream()
                .map(c -> new Condition(c.field(), c.op(), c.value())).toList(), s.createdAt());
    }
}
