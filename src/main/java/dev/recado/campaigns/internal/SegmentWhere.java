package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import dev.recado.common.Db;
import dev.recado.common.FieldProblem;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates segment conditions into a parameterised SQL predicate over {@code contacts c}. Values
 * only ever travel as parameters; field names are checked against a fixed list (consent channels
 * and purposes from fixed sets) before they shape the SQL.
 */
record SegmentWhere(String sql, List<Object> params) {

    static final int MAX_CONDITIONS = 20;
    private static final Pattern ATTRIBUTE = Pattern.compile("attributes\\.([A-Za-z0-9_]{1,64})");
    private static final Pattern CONSENT = Pattern.compile("consent\\.([a-z]+)\\.([a-z]+)");
    private static final Set<String> COLUMNS = Set.of("first_name", "last_name", "language", "country", "timezone");
    private static final Set<String> CONSENT_STATES = Set.of("opted_in", "opted_out", "none");
    /**
     * A contact's consent state for a purpose and channel (parameters in that order), as the consent
     * rules decide it, read from the consent module's current state ({@code consent_state}: the
     * latest confirmed fact for this channel or for every channel); {@code none} without one.
     */
    static final String CONSENT_STATE = "coalesce((select s.status from consent_state s where s.contact_id = c.id"
            + " and s.purpose = ? and s.channel = ?), 'none')";

    /** Checks every condition and answers 422 naming each bad one, or the predicate. */
    static SegmentWhere of(String match, List<SegmentCondition> conditions, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        SegmentWhere where = check(match, conditions, now, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return where;
    }

    /** Adds what is wrong to {@code problems}; the predicate is only meaningful when none were added. */
    static SegmentWhere check(String match, List<SegmentCondition> conditions, Instant now,
            List<FieldProblem> problems) {
        if (match != null && !match.equals("all") && !match.equals("any")) {
            problems.add(new FieldProblem("match", "must be all or any"));
        }
        List<SegmentCondition> list = conditions == null ? List.of() : conditions;
        if (list.size() > MAX_CONDITIONS) {
            problems.add(new FieldProblem("conditions", "at most " + MAX_CONDITIONS + " conditions"));
        }
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < list.size() && list.size() <= MAX_CONDITIONS; i++) {
            new Translation("conditions[" + i + "]", list.get(i), now, problems, parts, params).run();
        }
        if (parts.isEmpty()) {
            return new SegmentWhere("1 = 1", List.of());
        }
        String joiner = "any".equals(match) ? " or " : " and ";
        return new SegmentWhere("(" + String.join(joiner, parts) + ")", List.copyOf(params));
    }

    /** One condition: appends its SQL and parameters, or its problems. */
    private record Translation(String at, SegmentCondition c, Instant now, List<FieldProblem> problems,
            List<String> parts, List<Object> params) {

        void run() {
            if (c == null) {
                problems.add(new FieldProblem(at, "must be an object"));
                return;
            }
            String field = c.field() == null ? "" : c.field();
            String op = c.op() == null ? "" : c.op();
            Matcher attribute = ATTRIBUTE.matcher(field);
            Matcher consent = CONSENT.matcher(field);
            if (field.equals("tag")) {
                tag(op);
            } else if (attribute.matches()) {
                attribute(attribute.group(1), op);
            } else if (consent.matches()) {
                consent(consent.group(1), consent.group(2), op);
            } else if (field.equals("phone") || field.equals("email")) {
                ops(op, "exists");
                exists("c." + field + " is not null");
            } else if (COLUMNS.contains(field)) {
                column(field, op);
            } else if (field.equals("created_at")) {
                time("c.created_at", op);
            } else if (field.equals("last_inbound_at") || field.equals("last_outbound_at")) {
                lastMessage(field.equals("last_inbound_at") ? "inbound" : "outbound", op);
            } else {
                problems.add(new FieldProblem(at + ".field", "must be tag, attributes.<name>, "
                        + "consent.<channel>.<purpose>, phone, email, " + String.join(", ", COLUMNS.stream().sorted().toList())
                        + ", created_at, last_inbound_at or last_outbound_at"));
            }
        }

        private void tag(String op) {
            if (!ops(op, "has", "not_has", "eq", "neq")) {
                return;
            }
            String tag = string();
            if (tag != null) {
                boolean has = op.equals("has") || op.equals("eq");
                // (not) exists, not (not) in: PostgreSQL turns it into a merge or hash (anti) join over the
                // lookup index (workspace_id, tag, contact_id); an IN over a subquery that names c was run
                // once per contact, over every contact with the tag (minutes at 1,000,000 contacts)
                add((has ? "exists" : "not exists") + " (select 1 from contact_tags t where t.workspace_id = c.workspace_id"
                        + " and t.tag = ? and t.contact_id = c.id)", tag);
            }
        }

        private void attribute(String name, String op) {
            if (!ops(op, "eq", "neq", "gt", "lt", "exists")) {
                return;
            }
            String text = "recado_attr(c.attributes, ?)";
            switch (op) {
                case "exists" -> exists(text + " is not null", name);
                case "gt", "lt" -> {
                    String cmp = op.equals("gt") ? " > ?" : " < ?";
                    if (c.value() instanceof Number n) {
                        add("recado_attr_num(c.attributes, ?)" + cmp, name, new BigDecimal(n.toString()));
                    } else if (c.value() instanceof String s) {
                        add(text + cmp, name, s);
                    } else {
                        problems.add(new FieldProblem(at + ".value", "must be a number or a string"));
                    }
                }
                default -> {
                    Object v = c.value();
                    if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                        problems.add(new FieldProblem(at + ".value", "must be a string, number or boolean"));
                    } else if (op.equals("eq")) {
                        add(text + " = ?", name, v.toString());
                    } else {
                        add("(" + text + " is null or " + text + " <> ?)", name, name, v.toString());
                    }
                }
            }
        }

        private void consent(String channel, String purpose, String op) {
            if (!TemplateService.CHANNELS.contains(channel)) {
                problems.add(new FieldProblem(at + ".field", "names an unknown channel: " + channel));
                return;
            }
            if (!TemplateService.PURPOSES.contains(purpose)) {
                problems.add(new FieldProblem(at + ".field", "purpose must be marketing or transactional"));
                return;
            }
            if (!ops(op, "eq", "neq")) {
                return;
            }
            String state = string();
            if (state != null && !CONSENT_STATES.contains(state)) {
                problems.add(new FieldProblem(at + ".value", "must be opted_in, opted_out or none"));
                return;
            }
            if (state != null) {
                // consent_state holds the latest confirmed fact per concrete channel (facts for every
                // channel included): (not) exists lets PostgreSQL semi- or anti-join the contacts with
                // that channel's rows as a set, where finding each contact's latest fact in the ledger
                // took 2-3 s per count at 1,000,000 contacts
                boolean none = state.equals("none");
                boolean present = op.equals("eq") != none;
                parts.add((present ? "exists" : "not exists") + " (select 1 from consent_state s"
                        + " where s.workspace_id = c.workspace_id and s.channel = ? and s.purpose = ?"
                        + (none ? "" : " and s.status = ?") + " and s.contact_id = c.id)");
                params.add(channel);
                params.add(purpose);
                if (!none) {
                    params.add(state);
                }
            }
        }

        private void column(String column, String op) {
            if (!ops(op, "eq", "neq", "exists")) {
                return;
            }
            if (op.equals("exists")) {
                exists("c." + column + " is not null");
                return;
            }
            String v = string();
            if (v != null) {
                add(op.equals("eq") ? "c." + column + " = ?" : "(c." + column + " is null or c." + column + " <> ?)", v);
            }
        }

        /**
         * The latest message of a direction, written as (not) exists over the contact's messages rather
         * than comparing a per-contact max(): PostgreSQL can then semi- or anti-join them as a set instead
         * of one index probe per contact.
         */
        private void lastMessage(String direction, String op) {
            if (!ops(op, "gt", "lt", "within_days", "exists")) {
                return;
            }
            String any = "exists (select 1 from messages m where m.contact_id = c.id and m.direction = '" + direction + "'";
            if (op.equals("exists")) {
                exists(any + ")");
                return;
            }
            Bound b = bound(op);
            if (b == null) {
                return;
            }
            if (op.equals("lt")) { // the latest before t: there is one, and none at or after t
                add("(" + any + ") and not " + any + " and m.created_at >= ?))", b.at());
            } else {
                add(any + " and m.created_at " + b.comparison() + " ?)", b.at());
            }
        }

        private void time(String expr, String op) {
            if (ops(op, "gt", "lt", "within_days")) {
                Bound b = bound(op);
                if (b != null) {
                    add(expr + " " + b.comparison() + " ?", b.at());
                }
            }
        }

        private record Bound(String comparison, Object at) {
        }

        /** gt / lt a time, or within_days (at or after that many days ago); null (and a problem) when the value is wrong. */
        private Bound bound(String op) {
            if (op.equals("within_days")) {
                if (c.value() instanceof Integer days && days >= 0 && days <= 36_500) {
                    return new Bound(">=", Db.ts(now.minus(Duration.ofDays(days))));
                }
                problems.add(new FieldProblem(at + ".value", "must be a whole number of days, 0 to 36500"));
                return null;
            }
            Instant t = instant();
            return t == null ? null : new Bound(op.equals("gt") ? ">" : "<", Db.ts(t));
        }

        private void exists(String predicate, Object... values) {
            Object v = c.value() == null ? Boolean.TRUE : c.value();
            if (v instanceof Boolean b) {
                parts.add(b ? predicate : "not (" + predicate + ")");
                params.addAll(List.of(values));
            } else {
                problems.add(new FieldProblem(at + ".value", "must be true or false for exists"));
            }
        }

        private boolean ops(String op, String... allowed) {
            if (List.of(allowed).contains(op)) {
                return true;
            }
            problems.add(new FieldProblem(at + ".op", "must be one of " + String.join(", ", allowed) + " for "
                    + c.field()));
            return false;
        }

        private String string() {
            if (c.value() instanceof String s && !s.isEmpty() && s.length() <= 500) {
                return s;
            }
            problems.add(new FieldProblem(at + ".value", "must be a non-empty string"));
            return null;
        }

        private Instant instant() {
            if (c.value() instanceof String s) {
                try {
                    return Instant.parse(s);
                } catch (DateTimeParseException e) {
                    // answered below
                }
            }
            problems.add(new FieldProblem(at + ".value", "must be an ISO-8601 time such as 2026-01-31T00:00:00Z"));
            return null;
        }

        private void add(String sql, Object... values) {
            parts.add(sql);
            params.addAll(List.of(values));
        }
    }
}
