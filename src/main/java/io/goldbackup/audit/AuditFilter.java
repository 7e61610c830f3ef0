package io.goldbackup.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.Params;
import io.quarkus.qute.TemplateData;

/**
 * Which audit events to list or export: by person (the subject or the user name), action, outcome, target and time
 * range, each optional. Parsed from query parameters with a 400 naming the parameter, as the API's other filters.
 *
 * @param person the actor's subject, or its user name (any case)
 * @param action such as {@code backup.create}
 * @param outcome {@code succeeded}, {@code refused} or {@code failed}
 * @param target such as {@code backup/42}
 * @param from events at or after this instant
 * @param to events before this instant
 */
@TemplateData
public record AuditFilter(Optional<String> person, Optional<String> action, Optional<String> outcome,
        Optional<String> target, Optional<Instant> from, Optional<Instant> to) {

    /** The outcomes an event can have. */
    public static final List<String> OUTCOMES = List.of("succeeded", "refused", "failed");

    private static final Set<String> OUTCOME_SET = Set.copyOf(OUTCOMES);

    /** No filter: every event. */
    public static AuditFilter none() {
        return new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /**
     * The filter of the query parameters; blank ones are absent. {@code from} and {@code to} are ISO-8601 instants
     * ({@code 2026-12-01T02:00:00Z}) or UTC days ({@code 2026-12-01}): a day as {@code to} includes that whole day.
     *
     * @throws InvalidInputException naming the first wrong parameter
     */
    public static AuditFilter parse(String person, String action, String outcome, String target, String from,
            String to) {
        Optional<String> actionValue = text("action", action, 100);
        actionValue.filter(a -> !a.matches("[a-z0-9._-]+")).ifPresent(a -> {
            throw new InvalidInputException("action", "must be an action such as backup.create");
        });
        Optional<String> outcomeValue = text("outcome", outcome, 20);
        outcomeValue.filter(o -> !OUTCOME_SET.contains(o)).ifPresent(o -> {
            throw new InvalidInputException("outcome", "must be one of " + String.join(", ", OUTCOMES));
        });
        Optional<Instant> fromValue = time("from", from, false);
        Optional<Instant> toValue = time("to", to, true);
        if (fromValue.isPresent() && toValue.isPresent() && !fromValue.get().isBefore(toValue.get())) {
            throw new InvalidInputException("to", "must be after from");
        }
        return new AuditFilter(text("person", person, 200), actionValue, outcomeValue, text("target", target, 200),
                fromValue, toValue);
    }

    private static Optional<String> text(String name, String raw, int max) {
        return Params.text(name, raw == null ? null : raw.trim(), max).filter(s -> !s.isEmpty());
    }

    private static Optional<Instant> time(String name, String raw, boolean end) {
        Optional<String> value = text(name, raw, 40);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return Optional.of((end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name,
                    "must be an ISO-8601 instant (2026-12-01T02:00:00Z) or a UTC day (2026-12-01)");
        }
    }

    /** Whether any condition is set. */
    public boolean isEmpty() {
        return person.isEmpty() && action.isEmpty() && outcome.isEmpty() && target.isEmpty() && from.isEmpty()
                && to.isEmpty();
    }

    /** The filter as query parameters ({@code person=...&action=...}), to carry it into links; empty for none. */
    public String queryString() {
        List<String> parts = new ArrayList<>();
        person.ifPresent(v -> parts.add(param("person", v)));
        action.ifPresent(v -> parts.add(param("action", v)));
        outcome.ifPresent(v -> parts.add(param("outcome", v)));
        target.ifPresent(v -> parts.add(param("target", v)));
        from.ifPresent(v -> parts.add(param("from", v.toString())));
        to.ifPresent(v -> parts.add(param("to", v.toString())));
        return String.join("&", parts);
    }

    private static String param(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The SQL condition on {@code audit_events} and its values, in order: every value bound, never concatenated.
     *
     * @param where {@code TRUE} or conditions joined by {@code AND}
     * @param values the values of its placeholders
     */
    record Condition(String where, List<Object> values) {
    }

    Condition condition() {
        List<String> parts = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        person.ifPresent(p -> {
            parts.add("(actor = ? OR lower(actor_name) = lower(?))");
            values.add(p);
            values.add(p);
        });
        action.ifPresent(a -> {
            parts.add("action = ?");
            values.add(a);
        });
        outcome.ifPresent(o -> {
            parts.add("outcome = ?");
            values.add(o);
        });
        target.ifPresent(t -> {
            parts.add("target = ?");
            values.add(t);
        });
        from.ifPresent(f -> {
            parts.add("occurred_at >= ?");
            values.add(f.atOffset(ZoneOffset.UTC));
        });
        to.ifPresent(t -> {
            parts.add("occurred_at < ?");
            values.add(t.atOffset(ZoneOffset.UTC));
        });
        return new Condition(parts.isEmpty() ? "TRUE" : String.join(" AND ", parts), values);
    }

    /** The {@code from} day for a date field ({@code 2026-12-01}); empty when absent. */
    public String fromDay() {
        return from.map(i -> i.atZone(ZoneOffset.UTC).toLocalDate().toString()).orElse("");
    }

    /** The last day {@code to} includes, for a date field; empty when absent. */
    public String toDay() {
        return to.map(i -> i.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate().toString()).orElse("");
    }
}
