package io.goldbackup.console;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.goldbackup.backup.BackupPage;
import io.goldbackup.backup.BackupQueries;
import io.goldbackup.offsite.CopyView;
import io.goldbackup.offsite.OffsiteService;
import io.goldbackup.restore.RestorePlan;
import io.goldbackup.restore.RestoreRequest;
import io.goldbackup.restore.RestoreRun;
import io.goldbackup.restore.RestoreService;
import io.goldbackup.retention.CleanupReport;
import io.goldbackup.retention.CleanupRequest;
import io.goldbackup.retention.CleanupService;
import io.goldbackup.security.CurrentActor;
import io.goldbackup.security.Roles;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.Params;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;

/**
 * The pieces of HTML the console's page scripts put into a page without a reload: the restore log, a dry run's
 * plan, a cleanup's report and a backup's off-site copies. The server renders (and Qute escapes) every table; a script only places it. Each
 * calls the same service as the JSON endpoint beside it in {@link ConsoleApi}, with the same role and, for a POST,
 * the page's CSRF token. Errors are the API's problem details (a 400 names each wrong field, such as
 * {@code targetWallets[2]}), which the scripts show next to the field.
 */
@Path("/console/fragments")
@Produces(MediaType.TEXT_HTML)
public class ConsoleFragments {

    /** How many runs the restore page's log lists. */
    static final int LOG_SIZE = 20;

    @CheckedTemplate(basePath = "console", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {
        static native TemplateInstance restoreTable(List<RestoreRun> runs);

        static native TemplateInstance restorePlan(RestorePlan plan);

        static native TemplateInstance cleanupReport(CleanupReport report);

        static native TemplateInstance copyTable(List<CopyView> copies);

        static native TemplateInstance backupResults(BackupPage page, BackupListQuery query);
    }

    private final RestoreService restores;
    private final CleanupService cleanup;
    private final OffsiteService offsite;
    private final CurrentActor actor;
    private final BackupQueries backups;

    ConsoleFragments(RestoreService restores, CleanupService cleanup, OffsiteService offsite, CurrentActor actor,
            BackupQueries backups) {
        this.backups = backups;
        this.restores = restores;
        this.cleanup = cleanup;
        this.offsite = offsite;
        this.actor = actor;
    }

    /**
     * The backup list's results (count, table, pages) for the same parameters as the page: the list's script puts it in
     * place of its own as filters are chosen, and puts the parameters in the address, so the page reopens the same.
     */
    @GET
    @Path("/backups")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public TemplateInstance backupResults(@QueryParam("type") String type, @QueryParam("status") String status,
            @QueryParam("name") String name, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("sort") String sort, @QueryParam("dir") String dir, @QueryParam("page") String page) {
        var query = BackupListQuery.parse(type, status, name, from, to, sort, dir, page);
        return Templates.backupResults(ConsolePages.backupPage(backups, query), query);
    }

    /** The restore log, newest first: the restore page reloads it after a dry run or a restore. */
    @GET
    @Path("/restore-runs")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public TemplateInstance restoreRuns() {
        return Templates.restoreTable(restores.list(LOG_SIZE));
    }

    /**
     * A dry run, with the body of the API's dry run, answered as the plan to read; the fingerprint the restore
     * passes back is in the fragment's {@code data-fingerprint}.
     */
    @POST
    @Path("/restore-plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public TemplateInstance restorePlan(@Valid @NotNull(message = "is required") RestoreRequest request) {
        if (!request.dryRun()) {
            throw new InvalidInputException("dryRun", "must be true: this answers a dry run's plan; a restore is "
                    + "sent to /console/api/restores");
        }
        return Templates.restorePlan(restores.plan(request, actor.get()));
    }

    /**
     * A cleanup, with the body of the API's cleanup, answered as its report: the preview (any operator) or, with
     * {@code dryRun} false, what was deleted (backup-admin, which the service checks).
     */
    @POST
    @Path("/cleanup-report")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public TemplateInstance cleanupReport(@Valid @NotNull(message = "is required") CleanupRequest request,
            @QueryParam(TypedConfirmation.FIELD) String confirmName) {
        return Templates.cleanupReport(cleanup.cleanup(Optional.ofNullable(request.daysToKeep()), request.dryRun(),
                ConsoleApi.cleanupCode(actor.get(), request, confirmName), actor.get()));
    }

    /**
     * Copies a backup to every target now, as the API's {@code POST /backups/{id}/copies} without a target does,
     * and answers the backup's copies as they ended (a failed copy with its reason and next attempt).
     */
    @POST
    @Path("/backups/{id}/copies")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public TemplateInstance copyNow(@PathParam("id") String id) {
        long backupId = Params.id("id", id);
        offsite.copyNow(backupId, Optional.empty(), actor.get());
        return Templates.copyTable(offsite.copies(backupId));
    }

    /** Whether the plan has wallets to list as missing or untouched, or changed meks: {@code plan.hasMissing}. */
    @TemplateExtension
    static boolean hasMissing(RestorePlan plan) {
        RestorePlan.Missing outside = plan.liveWalletsOutsideBackup();
        RestorePlan.MekVerification meks = plan.mekVerification();
        return !plan.targetsNotInBackup().isEmpty() || plan.backupWalletsNotLive().count() > 0
                || plan.walletsToDelete().count() > 0 || plan.recreatedWalletsKept().count() > 0
                || outside != null && outside.count() > 0
                || meks.walletsWithMekCountChanged() > 0 || meks.walletsWithMekRateChanged() > 0;
    }
}
