package io.goldbackup.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.goldbackup.backup.BackupSearch;
import io.goldbackup.backup.BackupSort;
import io.goldbackup.backup.BackupStatus;
import io.goldbackup.backup.BackupType;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.Params;
import io.quarkus.qute.TemplateData;

/**
 * The backup list's search, filters, sort and page as its query parameters give them, and the links that change one
 * of them (the list is a GET form: it works without a script, and its URL reopens it).
 *
 * @param type empty for every type
 * @param status empty for every status
 * @param name a part of the name, any case; empty for every name
 * @param from the first UTC day taken
 * @param to the last UTC day taken (included)
 */
@TemplateData
public record BackupListQuery(Optional<BackupType> type, Optional<BackupStatus> status, Optional<String> name,
        Optional<LocalDate> from, Optional<LocalDate> to, BackupSort sort, boolean ascending, int page) {

    /** The query of the parameters; a 400 naming the first wrong one. */
    static BackupListQuery parse(String type, String status, String name, String from, String to, String sort,
            String dir, String page) {
        Optional<LocalDate> fromDay = day("from", from);
        Optional<LocalDate> toDay = day("to", to);
        if (fromDay.isPresent() && toDay.isPresent() && toDay.get().isBefore(fromDay.get())) {
            throw new InvalidInputException("to", "must not be before from");
        }
        return new BackupListQuery(
                Optional.ofNullable(type).filter(t -> !t.isBlank()).map(t -> BackupType.fromWire("type", t)),
                Optional.ofNullable(status).filter(t -> !t.isBlank()).map(t -> BackupStatus.fromWire("status", t)),
                Params.text("name", name == null ? null : name.trim(), 200).filter(n -> !n.isEmpty()), fromDay, toDay,
                BackupSort.fromWire("sort", sort), dir == null ? "name".equals(sort) : "asc".equals(dir),
                Params.intInRange("page", page, 0, 0, 100_000));
    }

    private static Optional<LocalDate> day(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(raw.trim()));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a UTC day such as 2026-12-01");
        }
    }

    /** What the repository filters by: the days as instants, {@code to} up to the end of its day. */
    BackupSearch search() {
        Optional<Instant> start = from.map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
        Optional<Instant> end = to.map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        return new BackupSearch(type, status, name, start, end);
    }

    public String typeValue() {
        return type.map(BackupType::wire).orElse("");
    }

    public String statusValue() {
        return status.map(BackupStatus::wire).orElse("");
    }

    public String nameValue() {
        return name.orElse("");
    }

    public String fromValue() {
        return from.map(LocalDate::toString).orElse("");
    }

    public String toValue() {
        return to.map(LocalDate::toString).orElse("");
    }

    /** Whether a search or filter narrows the list. */
    public boolean filtered() {
        return type.isPresent() || status.isPresent() || name.isPresent() || from.isPresent() || to.isPresent();
    }

    /** The link that sorts by {@code column}: ascending first, or the other way when already sorted by it. */
    public String sortLink(String column) {
        boolean asc = column.equals(sort.wire()) ? !ascending : !column.equals("time");
        return link(column, asc, 0);
    }

    /** {@code ascending}, {@code descending} or {@code none}: the aria-sort of {@code column}'s header. */
    public String ariaSort(String column) {
        return column.equals(sort.wire()) ? (ascending ? "ascending" : "descending") : "none";
    }

    public String pageLink(int index) {
        return link(sort.wire(), ascending, index);
    }

    private String link(String column, boolean asc, int index) {
        StringBuilder link = new StringBuilder("/console/backups?sort=").append(column).append("&dir=")
                .append(asc ? "asc" : "desc");
        type.ifPresent(t -> link.append("&type=").append(t.wire()));
        status.ifPresent(s -> link.append("&status=").append(s.wire()));
        name.ifPresent(n -> link.append("&name=").append(URLEncoder.encode(n, StandardCharsets.UTF_8)));
        from.ifPresent(d -> link.append("&from=").append(d));
        to.ifPresent(d -> link.append("&to=").append(d));
        if (index > 0) {
            link.append("&page=").append(index);
        }
        return link.toString();
    }
}
