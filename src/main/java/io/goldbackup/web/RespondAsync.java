package io.goldbackup.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code Prefer: respond-async} (RFC 7240) for the POSTs that start long work: such a request answers
 * {@code 202 Accepted} as soon as the work is registered, with the {@code Location} of the resource that shows its
 * status and progress and {@code Preference-Applied: respond-async}; the work goes on in the service. Without the
 * preference a request answers when the work is done, as always. A client behind a proxy with a read timeout (an
 * ingress) asks for it.
 */
public final class RespondAsync {

    /** The request header. */
    public static final String PREFER = "Prefer";

    /** The response header that says the preference was honoured. */
    public static final String PREFERENCE_APPLIED = "Preference-Applied";

    private static final String RESPOND_ASYNC = "respond-async";

    private RespondAsync() {
    }

    /**
     * Whether the {@code Prefer} headers ask for an asynchronous answer: a preference {@code respond-async} among
     * them (one header or several, comma-separated, with or without parameters; names are case-insensitive).
     */
    public static boolean requested(List<String> prefer) {
        if (prefer == null) {
            return false;
        }
        for (String header : prefer) {
            for (String preference : header.split(",")) {
                String name = preference.split("[;=]", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (RESPOND_ASYNC.equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The 202 of started work: {@code Location} is {@code path} (relative to the application's base, with its
     * template filled by {@code values}), the body the resource as it is now.
     */
    public static Response accepted(UriInfo uri, String path, Object body, Object... values) {
        URI location = uri.getBaseUriBuilder().path(path).build(values);
        return Response.accepted(body).location(location).header(PREFERENCE_APPLIED, RESPOND_ASYNC).build();
    }
}
