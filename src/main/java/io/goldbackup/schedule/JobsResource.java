package io.goldbackup.schedule;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.VerifyRun;
import io.goldbackup.retention.CleanupService;
import io.goldbackup.security.CurrentActor;
import io.goldbackup.security.Roles;
import io.goldbackup.web.RespondAsync;
import io.quarkus.security.Authenticated;

/** The seed's triggerManualDailyBackup and triggerManualCleanup, and the scheduled verification: the jobs, run now. */
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Jobs")
@SecurityRequirement(name = "oidc")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role backup-operator")
public class JobsResource {

    private static final Map<String, Object> MANUAL = Map.of("trigger", "manual");

    private final JobService jobs;
    private final BackupQueries backups;
    private final CleanupService cleanups;
    private final CurrentActor actor;

    JobsResource(JobService jobs, BackupQueries backups, CleanupService cleanups, CurrentActor actor) {
        this.jobs = jobs;
        this.backups = backups;
        this.cleanups = cleanups;
        this.actor = actor;
    }

    @POST
    @Path("/daily-backup")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Run the daily backup now, exactly as the scheduler would (role backup-operator)")
    @APIResponse(responseCode = "201", description = "The day's backup was created")
    @APIResponse(responseCode = "200", description = "The UTC day already has its backup: {created: false, backupId}")
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: the day's backup is registered (status "
            + "running); Location names the backup")
    @APIResponse(responseCode = "409", description = "Prefer: respond-async: the day's backup is being taken now")
    @APIResponse(responseCode = "507", description = "Refused by a storage limit")
    public Response dailyBackup(
            @Parameter(description = "respond-async: answer 202 when the backup is registered") @HeaderParam(RespondAsync.PREFER) List<String> prefer,
            @Context UriInfo uri) {
        if (RespondAsync.requested(prefer)) {
            DailyBackupResult started = jobs.startDailyBackup(actor.get(), MANUAL);
            if (!started.created()) {
                return Response.ok(started).build();
            }
            long id = started.backupId();
            return RespondAsync.accepted(uri, "api/v1/backups/{id}",
                    new DailyBackupResult(true, id, started.day(), backups.summary(id)), id);
        }
        DailyBackupResult result = jobs.dailyBackup(actor.get(), MANUAL);
        return Response.status(result.created() ? 201 : 200).entity(result).build();
    }

    @POST
    @Path("/weekly-cleanup")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Run the weekly cleanup now with the configured retention (role backup-operator)")
    @APIResponse(responseCode = "200", description = "The cleanup report")
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: the cleanup run is registered (status "
            + "running); Location names it (/api/v1/cleanups/{id})")
    @APIResponse(responseCode = "409", description = "Another cleanup is running")
    public Response weeklyCleanup(
            @Parameter(description = "respond-async: answer 202 when the cleanup run is registered") @HeaderParam(RespondAsync.PREFER) List<String> prefer,
            @Context UriInfo uri) {
        if (RespondAsync.requested(prefer)) {
            long id = jobs.startWeeklyCleanup(actor.get(), MANUAL);
            return RespondAsync.accepted(uri, "api/v1/cleanups/{id}", cleanups.run(id), id);
        }
        return Response.ok(jobs.weeklyCleanup(actor.get(), MANUAL)).build();
    }

    @POST
    @Path("/verify")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Verify the backups that are due now, exactly as the scheduler would (role backup-operator)", description = "Completed backups not verified within gold-backup.verify.every, never verified first, "
            + "within gold-backup.verify.budget. A mismatch marks its backup corrupt and is reported, not an error.")
    @APIResponse(responseCode = "200", description = "The run: what was due, each verdict (errors included), what is "
            + "left for the next run")
    @APIResponse(responseCode = "409", description = "A verification run is going on")
    public VerifyRun verify() {
        return jobs.verify(actor.get(), MANUAL);
    }
}
