package io.goldbackup.audit;

import jakarta.ws.rs.QueryParam;

import io.quarkus.qute.TemplateData;

/**
 * The audit trail's filter as query parameters ({@code @BeanParam}), shared by the API and the console: each arrives
 * as text so that a wrong one is answered 400 naming it ({@link AuditFilter#parse}).
 */
@TemplateData
public class AuditQuery {

    /** The actor's subject or user name. */
    @QueryParam("person")
    public String person;

    /** Such as {@code backup.create}. */
    @QueryParam("action")
    public String action;

    /** {@code succeeded}, {@code refused} or {@code failed}. */
    @QueryParam("outcome")
    public String outcome;

    /** Such as {@code backup/42}. */
    @QueryParam("target")
    public String target;

    /** An ISO-8601 instant or a UTC day: events at or after it. */
    @QueryParam("from")
    public String from;

    /** An ISO-8601 instant (events before it) or a UTC day (events up to its end). */
    @QueryParam("to")
    public String to;

    /** The filter; a 400 naming the first wrong parameter. */
    public AuditFilter filter() {
        return AuditFilter.parse(person, action, outcome, target, from, to);
    }
}
