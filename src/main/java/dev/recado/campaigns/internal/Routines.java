package dev.recado.campaigns.internal;

import dev.recado.common.FieldProblem;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/** A routine schedule as the API states it: validated, stored as JSON, and read back as a {@link Routine}. */
final class Routines {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_COUNT = 1000;

    private Routines() {
    }

    /**
     * Checks a {@code routine} schedule and answers it complete (the workspace's time zone when none
     * is given, weekdays in lower case), adding what is wrong to {@code problems}.
     */
    static CampaignService.Schedule validate(CampaignService.Schedule s, String workspaceZone, List<FieldProblem> problems) {
        int before = problems.size();
        if (s.at() != null) {
            problems.add(new FieldProblem("schedule.at", "is for type at; a routine takes at_local_time"));
        }
        LocalTime at = localTime(s.atLocalTime());
        if (at == null) {
            problems.add(new FieldProblem("schedule.at_local_time", "is required: a local time HH:MM"));
        }
        if ((s.everyDays() == null) == (s.weekdays() == null || s.weekdays().isEmpty())) {
            problems.add(new FieldProblem("schedule.every_days", "give every_days or weekdays, one of them"));
        } else if (s.everyDays() != null && (s.everyDays() < 1 || s.everyDays() > 365)) {
            problems.add(new FieldProblem("schedule.every_days", "must be between 1 and 365"));
        }
        List<String> weekdays = s.weekdays() == null ? null : s.weekdays().stream()
                .map(d -> d == null ? "" : d.toLowerCase(Locale.ROOT)).distinct().toList();
        if (weekdays != null) {
            for (int i = 0; i < weekdays.size(); i++) {
                if (day(weekdays.get(i)) == null) {
                    problems.add(new FieldProblem("schedule.weekdays[" + i + "]", "must be monday … sunday"));
                }
            }
        }
        String zone = s.timezone() == null ? workspaceZone : s.timezone();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            problems.add(new FieldProblem("schedule.timezone", "must be an IANA time zone such as Europe/Madrid"));
        }
        if (s.until() != null) {
            try {
                LocalDate.parse(s.until());
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("schedule.until", "must be a date YYYY-MM-DD"));
            }
        }
        if (s.count() != null && (s.count() < 1 || s.count() > MAX_COUNT)) {
            problems.add(new FieldProblem("schedule.count", "must be between 1 and " + MAX_COUNT));
        }
        if (problems.size() > before) {
            return s;
        }
        return new CampaignService.Schedule("routine", null, s.everyDays(), weekdays, s.atLocalTime(), zone, s.until(),
                s.count());
    }

    static String json(CampaignService.Schedule s) {
        return JSON.writeValueAsString(s);
    }

    static CampaignService.Schedule schedule(String json) {
        return JSON.readValue(json, CampaignService.Schedule.class);
    }

    static Routine routine(String json) {
        var s = schedule(json);
        Set<DayOfWeek> days = null;
        if (s.weekdays() != null) {
            days = EnumSet.noneOf(DayOfWeek.class);
            for (String d : s.weekdays()) {
                days.add(day(d));
            }
        }
        return new Routine(s.everyDays(), days, localTime(s.atLocalTime()), ZoneId.of(s.timezone()),
                s.until() == null ? null : LocalDate.parse(s.until()), s.count());
    }

    private static LocalTime localTime(String hhmm) {
        if (hhmm == null || !hhmm.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
            return null;
        }
        return LocalTime.parse(hhmm);
    }

    private static DayOfWeek day(String name) {
        try {
            return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
