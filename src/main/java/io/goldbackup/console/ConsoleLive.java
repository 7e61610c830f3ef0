package io.goldbackup.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.goldbackup.security.Roles;
import io.goldbackup.web.InvalidInputException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The live parts of the console, which the pages' scripts poll: the "running now" strip of every page (every few
 * seconds) and the dashboard's board (when what runs changes, and once a minute). Each answer carries an ETag (a
 * digest of the HTML); a poll that sends it back as {@code If-None-Match} gets 304 with no body while nothing changed.
 * The server renders (and Qute escapes) the HTML; the script only places it.
 */
@Path("/console/live")
@Produces(MediaType.TEXT_HTML)
public class ConsoleLive {

    /** One entity tag, or a comma-separated list of them, or {@code *} (RFC 9110). */
    private static final Pattern IF_NONE_MATCH = Pattern
            .compile("\\*|(W/)?\"[\\x21\\x23-\\x7e]*\"(\\s*,\\s*(W/)?\"[\\x21\\x23-\\x7e]*\")*");

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance activity(ConsoleViews.Running running);

        static native TemplateInstance board(ConsoleViews.Board board);
    }

    private final ConsoleBoard board;

    ConsoleLive(ConsoleBoard board) {
        this.board = board;
    }

    /** The running operations of every kind, whoever started them, with their progress. */
    @GET
    @Path("/activity")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public Response activity(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        checkIfNoneMatch(ifNoneMatch);
        return conditional(Templates.activity(board.running()).render(), ifNoneMatch);
    }

    /** The dashboard's indicators, figures, storage, latest outcomes and chart. */
    @GET
    @Path("/board")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public Response board(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        checkIfNoneMatch(ifNoneMatch);
        return conditional(Templates.board(board.board()).render(), ifNoneMatch);
    }

    private static void checkIfNoneMatch(String ifNoneMatch) {
        if (ifNoneMatch != null && !IF_NONE_MATCH.matcher(ifNoneMatch.strip()).matches()) {
            throw new InvalidInputException(HttpHeaders.IF_NONE_MATCH,
                    "must be an entity tag this endpoint answered (such as \"a1b2\"), a list of them, or *");
        }
    }

    /** 304 when {@code ifNoneMatch} names the HTML's tag (or is {@code *}), else 200 with the HTML and its tag. */
    static Response conditional(String html, String ifNoneMatch) {
        String tag = digest(html);
        if (ifNoneMatch != null && matches(ifNoneMatch, tag)) {
            return Response.notModified(new EntityTag(tag)).build();
        }
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).tag(new EntityTag(tag)).build();
    }

    private static boolean matches(String ifNoneMatch, String tag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals("\"" + tag + "\"") || c.equals("W/\"" + tag + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static String digest(String html) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(html.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
