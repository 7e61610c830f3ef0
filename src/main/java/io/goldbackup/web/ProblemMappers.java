package io.goldbackup.web;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.goldbackup.db.Unavailability;
import io.quarkus.logging.Log;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place that turns exceptions into {@code application/problem+json}. Details are written here, never
 * copied from an exception of a library: those name classes and internals.
 */
class ProblemMappers {

    static final String TYPE_BASE = "https://gold-backup.dev/problems/";

    /** What a 503 asks the client to wait before it tries again. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    Response invalidInput(InvalidInputException e, UriInfo uri) {
        return badRequest(uri, e.violations());
    }

    @ServerExceptionMapper
    Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
        return badRequest(uri, violations);
    }

    @ServerExceptionMapper
    Response jsonParse(JsonParseException e, UriInfo uri) {
        return badRequest(uri, List.of(new Problem.Violation("body", "is not valid JSON")));
    }

    @ServerExceptionMapper
    Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return badRequest(uri, List.of(new Problem.Violation(pathOf(e), "is not a known field")));
    }

    @ServerExceptionMapper
    Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return badRequest(uri, List.of(new Problem.Violation(pathOf(e), "has the wrong type or format")));
    }

    @ServerExceptionMapper
    Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = pathOf(e);
        String message = "body".equals(field) ? "must be a JSON object" : "has the wrong type";
        return badRequest(uri, List.of(new Problem.Violation(field, message)));
    }

    @ServerExceptionMapper
    Response valueInstantiation(ValueInstantiationException e, UriInfo uri) {
        // Our own creators throw InvalidInputException with a message meant for the client.
        Throwable cause = e.getCause();
        String message = cause instanceof InvalidInputException invalid
                ? invalid.violations().get(0).message()
                : "has an invalid value";
        return badRequest(uri, List.of(new Problem.Violation(pathOf(e), message)));
    }

    @ServerExceptionMapper
    Response jsonMapping(JsonMappingException e, UriInfo uri) {
        return badRequest(uri, List.of(new Problem.Violation(pathOf(e), "has an invalid value")));
    }

    @ServerExceptionMapper
    Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        return badRequest(uri, List.of(new Problem.Violation("body", "is not valid JSON")));
    }

    @ServerExceptionMapper
    Response unknownResource(UnknownResourceException e, UriInfo uri) {
        return problem(uri, Response.Status.NOT_FOUND, "not-found", "Not found", e.getMessage(), null);
    }

    @ServerExceptionMapper
    Response stopping(ServiceStoppingException e, UriInfo uri) {
        return retryLater(problem(uri, Response.Status.SERVICE_UNAVAILABLE, "stopping", "Instance stopping",
                e.getMessage(), null));
    }

    @ServerExceptionMapper
    Response interrupted(OperationInterruptedException e, UriInfo uri) {
        return retryLater(problem(uri, Response.Status.SERVICE_UNAVAILABLE, "stopping", "Instance stopping",
                e.getMessage(), null));
    }

    @ServerExceptionMapper
    Response conflict(ConflictException e, UriInfo uri) {
        return problem(uri, Response.Status.CONFLICT, "conflict", "Conflict", e.getMessage(), null);
    }

    @ServerExceptionMapper
    Response insufficientStorage(InsufficientStorageException e, UriInfo uri) {
        return problem(uri, 507, "storage-limit", "Storage limit", e.getMessage(), null);
    }

    @ServerExceptionMapper
    Response operationFailed(OperationFailedException e, UriInfo uri) {
        return problem(uri, Response.Status.INTERNAL_SERVER_ERROR, "operation-failed", "Operation failed",
                e.getMessage(), null);
    }

    @ServerExceptionMapper
    Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return problem(uri, Response.Status.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "A valid bearer token is required.", null);
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(uri, Response.Status.FORBIDDEN, "forbidden", "Forbidden",
                "Your roles do not allow this operation.", null);
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        // The JSON body reader wraps some Jackson failures in a bare 400: answer them as the failure itself.
        if (e.getCause() instanceof ValueInstantiationException cause) {
            return valueInstantiation(cause, uri);
        }
        if (e.getCause() instanceof MismatchedInputException cause) {
            return mismatchedInput(cause, uri);
        }
        if (e.getCause() instanceof JsonMappingException cause) {
            return jsonMapping(cause, uri);
        }
        if (e.getCause() instanceof JsonProcessingException cause) {
            return jsonProcessing(cause, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed on this path.";
            case 406 -> "This resource answers application/json.";
            case 413 -> "The request body is larger than the configured limit.";
            case 415 -> "Send the request body as application/json.";
            default -> title;
        };
        if (status >= 500) {
            Log.error("Request failed", e);
        }
        return problem(uri, status, "http-" + status, title, detail, null);
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e, UriInfo uri) {
        if (Unavailability.isUnavailable(e)) {
            Log.warnf("Database unavailable while serving %s: %s", uri.getPath(), e.getMessage());
            return retryLater(problem(uri, Response.Status.SERVICE_UNAVAILABLE, "database-unavailable",
                    "Database unavailable", "The database did not answer, or no connection came free in time; "
                            + "nothing was changed by this request. Try again shortly.",
                    null));
        }
        Log.error("Unexpected error while serving " + uri.getPath(), e);
        return problem(uri, Response.Status.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "The operation failed on the server; nothing was reported to the client. See the service log.",
                null);
    }

    /** Adds {@code Retry-After}: the same request is expected to succeed a few seconds later. */
    private static Response retryLater(Response response) {
        return Response.fromResponse(response).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static Response badRequest(UriInfo uri, List<Problem.Violation> violations) {
        String detail = violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
        return problem(uri, Response.Status.BAD_REQUEST, "invalid-input", "Invalid input", detail, violations);
    }

    static Response problem(UriInfo uri, Response.Status status, String type, String title, String detail,
            List<Problem.Violation> violations) {
        return problem(uri, status.getStatusCode(), type, title, detail, violations);
    }

    static Response problem(UriInfo uri, int status, String type, String title, String detail,
            List<Problem.Violation> violations) {
        Problem body = new Problem(TYPE_BASE + type, title, status, detail, uri != null ? uri.getPath() : null,
                violations);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** The JSON path of a Jackson error as the client wrote it: {@code targetWallets[3]}, or "body". */
    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /**
     * The field a violation names: the last property node, {@code create.request.backupType -> backupType}. A
     * violation on a parameter itself is about the request body (query parameters are checked by {@link Params}).
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        Path.Node last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            last = node;
        }
        if (last == null || last.getKind() == ElementKind.PARAMETER || last.getName() == null) {
            return "body";
        }
        return last.getName();
    }
}
