package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.common.PublicId;
import dev.recado.workspace.WorkspaceManagement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Creating campaigns and moving them through their states; the runner does the sending. */
@Service
class CampaignService implements dev.recado.campaigns.CampaignDirectory {

    /**
     * {@code now}; {@code at} a time; or {@code routine}: {@code every_days} or {@code weekdays}, at
     * {@code at_local_time} of {@code timezone} (the workspace's by default), until a date and/or
     * for {@code count} occurrences. A routine's {@code at} is its next occurrence once started.
     */
    record Schedule(String type, Instant at, Integer everyDays, List<String> weekdays, String atLocalTime,
            String timezone, String until, Integer count) {

        Schedule(String type, Instant at) {
            this(type, at, null, null, null, null, null, null);
        }
    }

    record CreateCampaign(String name, String segmentId, String templateId, String channel, String from, Schedule schedule,
            String purpose, Integer ratePerMinute, AbTests.Request abTest, List<String> channels) {

        CreateCampaign withChannels(List<String> order) {
            return new CreateCampaign(name, segmentId, templateId, channel, from, schedule, purpose, ratePerMinute,
                    abTest, order);
        }
    }

    /** The channel value that makes each recipient's order by price at acceptance. */
    static final String CHEAPEST = "cheapest";

    private final CampaignStore campaigns;
    private final SegmentStore segments;
    private final TemplateStore templates;
    private final CampaignRunner runner;
    private final QueuedMessages queued;
    private final OccurrenceStore occurrences;
    private final WorkspaceManagement workspaces;
    private final AbTestStore abTests;
    private final ContentInUse inUse;
    private final org.springframework.transaction.support.TransactionTemplate tx;
    private final Clock clock;
    private final dev.recado.messaging.SendEstimates sends;

    CampaignService(CampaignStore campaigns, SegmentStore segments, TemplateStore templates, CampaignRunner runner,
            QueuedMessages queued, OccurrenceStore occurrences, WorkspaceManagement workspaces, AbTestStore abTests,
            ContentInUse inUse, org.springframework.transaction.support.TransactionTemplate tx, Clock clock,
            dev.recado.messaging.SendEstimates sends) {
        this.sends = sends;
        this.abTests = abTests;
        this.inUse = inUse;
        this.tx = tx;
        this.occurrences = occurrences;
        this.workspaces = workspaces;
        this.campaigns = campaigns;
        this.segments = segments;
        this.templates = templates;
        this.runner = runner;
        this.queued = queued;
        this.clock = clock;
    }

    @org.springframework.transaction.annotation.Transactional
    Campaign create(long workspaceId, CreateCampaign r) {
        Validated v = validated(workspaceId, r);
        long id = campaigns.insert(v.campaign(), clock.instant());
        insertAbTest(id, v.ab());
        return require(workspaceId, id);
    }

    /** A campaign as it will be stored, and its A/B test when it has one. */
    private record Validated(CampaignStore.NewCampaign campaign, AbTests.Checked ab) {
    }

    /**
     * A draft saved again (the console's builder resumed): same checks as a new one; only drafts change.
     * The draft becomes {@code r} whole, its A/B test too (none given: none kept), so a caller that
     * edits less must pass the rest on as it was.
     */
    @org.springframework.transaction.annotation.Transactional
    Campaign updateDraft(long workspaceId, long id, CreateCampaign r) {
        return saveDraft(requireLocked(workspaceId, id), r);
    }

    /**
     * The API's merge patch of a draft: the fields given over the draft as stored, then saved whole
     * by {@link #updateDraft}. A campaign past draft is refused before its stored values are checked
     * again, so its answer is 409 whatever those values have become.
     */
    @org.springframework.transaction.annotation.Transactional
    Campaign patchDraft(long workspaceId, long id, CampaignPatch patch) {
        Campaign c = requireLocked(workspaceId, id);
        if (!Campaign.DRAFT.equals(c.status())) {
            throw notADraft(c);
        }
        CreateCampaign stored = CampaignPatch.stored(c, abTests.find(id));
        // candidates that are all its template's channels were not chosen: a new template brings its own
        boolean candidatesFromTemplate = c.cheapest() && templates.find(workspaceId, c.templateId())
                .map(t -> templateChannels(t).equals(stored.channels())).orElse(false);
        return saveDraft(c, patch.over(candidatesFromTemplate ? stored.withChannels(null) : stored));
    }

    /** {@code locked}: the campaign as read under its row lock in this transaction, so its status is current. */
    private Campaign saveDraft(Campaign locked, CreateCampaign r) {
        Validated v = validated(locked.workspaceId(), r);
        if (!campaigns.updateDraft(locked.id(), v.campaign())) {
            throw notADraft(locked);
        }
        abTests.delete(locked.id());
        insertAbTest(locked.id(), v.ab());
        return require(locked.workspaceId(), locked.id());
    }

    private static ApiException notADraft(Campaign c) {
        return new ApiException(409, "invalid_state", "The campaign is " + c.status() + "; only a draft can be changed");
    }

    private void insertAbTest(long campaignId, AbTests.Checked ab) {
        if (ab != null) {
            abTests.insert(campaignId, ab.templateIds(), ab.testSharePercent(), ab.winnerBy(), ab.decideAfterMinutes());
        }
    }

    private Validated validated(long workspaceId, CreateCampaign r) {
        List<FieldProblem> problems = new ArrayList<>();
        if (r.name() != null && (r.name().isBlank() || r.name().length() > 200)) {
            problems.add(new FieldProblem("name", "at most 200 characters, not blank"));
        }
        Optional<Segment> segment = PublicId.parse(SegmentController.PREFIX, r.segmentId())
                .flatMap(id -> segments.find(workspaceId, id));
        if (segment.isEmpty()) {
            problems.add(new FieldProblem("segment_id", "must name a segment of this workspace (seg_…)"));
        }
        Optional<MessageTemplate> template = PublicId.parse(TemplateController.PREFIX, r.templateId())
                .flatMap(id -> templates.find(workspaceId, id));
        if (template.isEmpty()) {
            problems.add(new FieldProblem("template_id", "must name a template of this workspace (tpl_…)"));
        }
        boolean cheapest = CHEAPEST.equals(r.channel());
        List<String> order = cheapest ? cheapestCandidates(r, template, problems)
                : r.channels() == null ? null : channelOrder(r, template, problems);
        String channel = order != null ? (order.isEmpty() ? "sms" : order.get(0)) : r.channel() == null ? "sms" : r.channel();
        if (cheapest && r.from() != null) {
            // a sender belongs to one channel; each channel priced uses its own default sender
            problems.add(new FieldProblem("from", "cannot be given with channel cheapest"));
        }
        if (order != null) {
            // checked as an order above
        } else if (!TemplateService.CHANNELS.contains(channel)) {
            problems.add(new FieldProblem("channel", "must be one of " + new java.util.TreeSet<>(TemplateService.CHANNELS)));
        } else if (template.isPresent() && template.get().variant(channel, null, null).isEmpty()) {
            problems.add(new FieldProblem("channel", "the template has no " + channel + " variant"));
        }
        if (r.from() != null && (r.from().isBlank() || r.from().length() > 320)) {
            problems.add(new FieldProblem("from", "must be a sender id or an approved sender name"));
        }
        String purpose = r.purpose() != null ? r.purpose() : template.map(MessageTemplate::purpose).orElse("marketing");
        if (!TemplateService.PURPOSES.contains(purpose)) {
            problems.add(new FieldProblem("purpose", "must be marketing or transactional"));
        }
        if (r.ratePerMinute() != null && (r.ratePerMinute() < 1 || r.ratePerMinute() > 1_000_000)) {
            problems.add(new FieldProblem("rate_per_minute", "must be between 1 and 1000000"));
        }
        Schedule schedule = r.schedule() == null ? new Schedule("now", null) : r.schedule();
        if (!Set.of("now", "at", "routine").contains(schedule.type() == null ? "" : schedule.type())) {
            problems.add(new FieldProblem("schedule.type", "must be now, at or routine"));
        } else if (schedule.type().equals("at") && schedule.at() == null) {
            problems.add(new FieldProblem("schedule.at", "is required for a scheduled campaign"));
        } else if (schedule.type().equals("routine")) {
            schedule = Routines.validate(schedule, workspaces.require(workspaceId).timezone(), problems);
        } else if (schedule.everyDays() != null || schedule.weekdays() != null || schedule.atLocalTime() != null
                || schedule.timezone() != null || schedule.until() != null || schedule.count() != null) {
            problems.add(new FieldProblem("schedule.type", "must be routine for every_days, weekdays, at_local_time,"
                    + " timezone, until or count"));
        }
        AbTests.Checked ab = r.abTest() == null ? null : AbTests.check(r.abTest(),
                tpl -> AbTests.templateId(tpl).flatMap(t -> templates.find(workspaceId, t))
                        .filter(t -> (order != null ? order : List.of(channel)).stream()
                                .anyMatch(ch -> t.variant(ch, null, null).isPresent())).map(MessageTemplate::id),
                problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        String name = r.name() != null ? r.name().strip() : template.get().name();
        return new Validated(new CampaignStore.NewCampaign(workspaceId, name, segment.get().id(),
                template.get().id(), channel, r.from(), purpose, r.ratePerMinute(), schedule.type(),
                schedule.type().equals("at") ? schedule.at() : null,
                schedule.type().equals("routine") ? Routines.json(schedule) : null,
                order == null || order.size() < 2 && !cheapest ? null : String.join(",", order), cheapest), ab);
    }

    /**
     * {@code channel: "cheapest"}: its candidates are the {@code channels} given, else every channel
     * the template has a variant for, in {@link TemplateService#CHANNEL_ORDER} (which breaks price ties).
     */
    private static List<String> cheapestCandidates(CreateCampaign r, Optional<MessageTemplate> template,
            List<FieldProblem> problems) {
        if (r.channels() != null) {
            return channelOrder(r, template, problems);
        }
        return template.map(CampaignService::templateChannels).orElse(List.of());
    }

    /** The channels a template has a variant for, in {@link TemplateService#CHANNEL_ORDER}. */
    private static List<String> templateChannels(MessageTemplate template) {
        return TemplateService.CHANNEL_ORDER.stream().filter(c -> template.variant(c, null, null).isPresent()).toList();
    }

    /** {@code channels}: known channels, each once; the template needs a variant for at least one of them. */
    private static List<String> channelOrder(CreateCampaign r, Optional<MessageTemplate> template, List<FieldProblem> problems) {
        if (r.channel() != null && !CHEAPEST.equals(r.channel())) {
            problems.add(new FieldProblem("channels", "give either channel or channels, not both"));
        }
        if (r.channels().isEmpty() || r.channels().size() > 6) {
            problems.add(new FieldProblem("channels", "must name 1 to 6 channels"));
            return List.of();
        }
        List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < r.channels().size(); i++) {
            String c = r.channels().get(i);
            if (c == null || !TemplateService.CHANNELS.contains(c)) {
                problems.add(new FieldProblem("channels[" + i + "]", "must be one of "
                        + new java.util.TreeSet<>(TemplateService.CHANNELS)));
            } else if (order.contains(c)) {
                problems.add(new FieldProblem("channels[" + i + "]", "is named twice"));
            } else {
                order.add(c);
            }
        }
        if (template.isPresent() && !order.isEmpty() && order.stream().allMatch(c -> template.get().variant(c, null, null).isEmpty())) {
            problems.add(new FieldProblem("channels", "the template has a variant for none of " + order));
        }
        return order;
    }

    Campaign require(long workspaceId, long id) {
        return campaigns.find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Campaign"));
    }

    private Campaign requireLocked(long workspaceId, long id) {
        return campaigns.findForUpdate(workspaceId, id).orElseThrow(() -> ApiException.notFound("Campaign"));
    }

    List<Campaign> list(long workspaceId, long beforeId, int limit) {
        return campaigns.list(workspaceId, beforeId, limit);
    }

    @Override
    public List<CampaignName> recent(long workspaceId, int limit) {
        return campaigns.list(workspaceId, Long.MAX_VALUE, limit).stream()
                .map(c -> new CampaignName(c.id(), c.name())).toList();
    }

    /** A campaign scheduled for later waits; otherwise it runs at once. */
    Campaign start(long workspaceId, long id) {
        Campaign c = require(workspaceId, id);
        Instant now = clock.instant();
        var content = ContentInUse.Content.of(c, abTests.find(c.id()));
        // the state change and the content's row locks commit together; the runner wakes after
        tx.executeWithoutResult(status -> {
            inUse.holdForStart(workspaceId, content);
            if (c.routine() != null) {
                scheduleRoutine(c, Set.of(Campaign.DRAFT), Routines.routine(c.routine()).first(now, c.occurrence()));
            } else {
                boolean later = "at".equals(c.scheduleType()) && c.startAt() != null && c.startAt().isAfter(now);
                if (!later) {
                    refuseWithoutSender(c, now);
                }
                move(c, Set.of(Campaign.DRAFT), later ? Campaign.SCHEDULED : Campaign.RUNNING);
            }
        });
        runner.wake();
        return require(workspaceId, id);
    }

    /**
     * A campaign started now whose channels cannot take a single message is refused here, as its first
     * page would fail it: every channel refusing its {@code from} (422 {@code sender_not_allowed}, as
     * the estimate answers), or none with a sender (409 {@code no_sender}). One scheduled for later is
     * not: a sender may be added meanwhile, and the estimate shows the recipients passed over.
     */
    private void refuseWithoutSender(Campaign c, Instant now) {
        List<String> channels = c.channelsInOrder();
        var terms = channels.stream().map(channel -> sends.terms(c.workspaceId(), channel, null, null, now, c.from()))
                .toList();
        ReviewEstimator.refuseFrom(terms);
        if (terms.stream().allMatch(t -> t.senders().isEmpty())) {
            throw new ApiException(409, "no_sender", "No channel of this campaign has a sender (" + String.join(", ",
                    channels) + "); create one with POST /v1/senders, then start it");
        }
    }

    Campaign pause(long workspaceId, long id) {
        move(require(workspaceId, id), Set.of(Campaign.RUNNING, Campaign.SCHEDULED), Campaign.PAUSED);
        return require(workspaceId, id);
    }

    Campaign resume(long workspaceId, long id) {
        Campaign c = require(workspaceId, id);
        if (c.routine() != null && c.cursorId() == 0 && Campaign.PAUSED.equals(c.status())) {
            // an occurrence that had not begun waits for its time; one missed while paused is not made up
            Instant now = clock.instant();
            Routine routine = Routines.routine(c.routine());
            Instant at = c.startAt() == null ? routine.first(now, c.occurrence())
                    : c.startAt().isAfter(now) ? c.startAt() : routine.nextAfter(c.startAt(), now, c.occurrence());
            scheduleRoutine(c, Set.of(Campaign.PAUSED), at);
            return require(workspaceId, id);
        }
        boolean later = c.startedAt() == null && c.startAt() != null && c.startAt().isAfter(clock.instant());
        move(c, Set.of(Campaign.PAUSED), later ? Campaign.SCHEDULED : Campaign.RUNNING);
        runner.wake();
        return require(workspaceId, id);
    }

    /** Stops the fan-out and cancels the campaign's messages still waiting in the queue. */
    Campaign cancel(long workspaceId, long id) {
        move(require(workspaceId, id), Set.of(Campaign.DRAFT, Campaign.SCHEDULED, Campaign.RUNNING, Campaign.PAUSED),
                Campaign.CANCELED);
        queued.cancel(workspaceId, id);
        return require(workspaceId, id);
    }

    List<OccurrenceStore.Occurrence> occurrences(long workspaceId, long id, long before, int limit) {
        return occurrences.list(require(workspaceId, id).id(), before, limit);
    }

    private void scheduleRoutine(Campaign c, Set<String> from, Instant at) {
        if (at == null) {
            throw new ApiException(409, "routine_finished", "The routine has no occurrence left (until or count reached)");
        }
        if (!campaigns.scheduleRoutine(c.id(), from, at)) {
            throw new ApiException(409, "invalid_state", "The campaign is " + require(c.workspaceId(), c.id()).status()
                    + "; it must be " + String.join(" or ", new java.util.TreeSet<>(from)));
        }
        runner.wake();
    }

    private void move(Campaign c, Set<String> from, String to) {
        if (!campaigns.transition(c.id(), from, to, clock.instant())) {
            throw new ApiException(409, "invalid_state", "The campaign is " + require(c.workspaceId(), c.id()).status()
                    + "; it must be " + String.join(" or ", new java.util.TreeSet<>(from)) + " to become " + to);
        }
    }
}
