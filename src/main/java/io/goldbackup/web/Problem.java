package io.goldbackup.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong in this case, safe to show: never a stack trace or a class name
 * @param instance the request path
 * @param violations the fields that were wrong, for bad input
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> violations) {

    /** The media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One wrong field.
     *
     * @param field the field or parameter name as the client sent it
     * @param message what is wrong with it
     */
    public record Violation(String field, String message) {
    }
}
