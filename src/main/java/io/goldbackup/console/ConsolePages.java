package io.goldbackup.console;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.goldbackup.audit.AuditEvent;
import io.goldbackup.audit.AuditTrail;
import io.goldbackup.backup.BackupDetails;
import io.goldbackup.backup.BackupPage;
import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupSort;
import io.goldbackup.backup.BackupStatus;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupType;
import io.goldbackup.backup.BackupWallet;
import io.goldbackup.backup.RetentionConfig;
import io.goldbackup.backup.RetentionPolicy;
import io.goldbackup.backup.StorageConfig;
import io.goldbackup.backup.WalletBackupEntry;
import io.goldbackup.health.SystemStats;
import io.goldbackup.health.SystemStatsService;
import io.goldbackup.offsite.CopyView;
import io.goldbackup.restore.RestoreConfig;
import io.goldbackup.restore.RestoreRun;
import io.goldbackup.restore.RestoreService;
import io.goldbackup.security.CurrentActor;
import io.goldbackup.security.Roles;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.Params;
import io.goldbackup.web.UnknownResourceException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;

/**
 * The admin console's pages, rendered on the server. They read through the services; what they change, they change
 * through {@link ConsoleApi} and {@link ConsoleFragments}, from the page's script. A page leaves out the controls the
 * user's role cannot use.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    private static final int PAGE_SIZE = 25;
    private static final int WALLET_PAGE = 50;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance dashboard(ConsoleUser user, SystemStats stats,
                List<ConsoleViews.Indicator> indicators, ConsoleViews.Storage storage, List<BackupSummary> backups,
                List<RestoreRun> restores, BackupChart chart);

        static native TemplateInstance backups(ConsoleUser user, BackupPage page, ConsoleViews.ListQuery query,
                List<ConsoleViews.TypeOption> types, List<String> statuses);

        static native TemplateInstance backup(ConsoleUser user, BackupDetails details, List<BackupWallet> wallets,
                String after, String nextAfter, Set<String> targets, List<CopyView> copies);

        static native TemplateInstance wallet(ConsoleUser user, String address, String problem,
                List<WalletBackupEntry> history);

        static native TemplateInstance create(ConsoleUser user, List<ConsoleViews.TypeOption> types);

        static native TemplateInstance restore(ConsoleUser user, List<BackupSummary> backups, Long selected,
                Long undoOf, List<RestoreRun> runs, int maxTargets);

        static native TemplateInstance cleanup(ConsoleUser user, List<ConsoleViews.TypeOption> types,
                int keepNewest, ConsoleViews.Storage storage);

        static native TemplateInstance audit(ConsoleUser user, List<AuditEvent> events, Long nextBefore);

        static native TemplateInstance offsite(ConsoleUser user, List<ConsoleViews.Bucket> buckets);

        static native TemplateInstance signedOut();

        static native TemplateInstance error(ConsoleUser user, int status, String title, String detail);
    }

    private final CurrentActor actor;
    private final BackupQueries backups;
    private final RestoreService restores;
    private final SystemStatsService stats;
    private final RetentionPolicy retention;
    private final RetentionConfig retentionConfig;
    private final StorageConfig storage;
    private final RestoreConfig restoreConfig;
    private final AuditTrail audit;
    private final ConsoleOffsite offsite;

    ConsolePages(CurrentActor actor, BackupQueries backups, RestoreService restores, SystemStatsService stats,
            RetentionPolicy retention, RetentionConfig retentionConfig, StorageConfig storage,
            RestoreConfig restoreConfig, AuditTrail audit, ConsoleOffsite offsite) {
        this.actor = actor;
        this.backups = backups;
        this.restores = restores;
        this.stats = stats;
        this.retention = retention;
        this.retentionConfig = retentionConfig;
        this.storage = storage;
        this.restoreConfig = restoreConfig;
        this.audit = audit;
        this.offsite = offsite;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public TemplateInstance dashboard() {
        SystemStats s = stats.stats();
        return Templates.dashboard(user(), s, indicatorsOf(s), storageOf(s), backups.list(5, Optional.empty(),
                Optional.empty()), restores.list(5),
                BackupChart.of(backups.newestCounted(30)));
    }

    @GET
    @Path("/backups")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public TemplateInstance backups(@QueryParam("type") String type, @QueryParam("status") String status,
            @QueryParam("sort") String sort, @QueryParam("dir") String dir, @QueryParam("page") String page) {
        var query = new ConsoleViews.ListQuery(
                Optional.ofNullable(type).filter(t -> !t.isBlank()).map(t -> BackupType.fromWire("type", t)),
                Optional.ofNullable(status).filter(t -> !t.isBlank()).map(t -> BackupStatus.fromWire("status", t)),
                BackupSort.fromWire("sort", sort), dir == null ? "name".equals(sort) : "asc".equals(dir),
                Params.intInRange("page", page, 0, 0, 100_000));
        BackupPage result = backups.page(query.type(), query.status(), query.sort(), query.ascending(), query.page(),
                PAGE_SIZE);
        return Templates.backups(user(), result, query, types(), ConsoleViews.statuses());
    }

    @GET
    @Path("/backup")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public TemplateInstance backup(@QueryParam("id") String id, @QueryParam("after") String after) {
        long backupId = Params.id("id", id);
        String cursor = Params.text("after", after, 200).orElse(null);
        BackupDetails details = backups.details(backupId, actor.get());
        BackupQueries.WalletPage wallets = backups.wallets(backupId, cursor, WALLET_PAGE);
        return Templates.backup(user(), details, wallets.rows(), cursor, wallets.nextAfter(), offsite.targets(),
                offsite.copies(backupId));
    }

    @GET
    @Path("/wallet")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public TemplateInstance wallet(@QueryParam("address") String address) {
        String trimmed = address == null ? "" : address.trim();
        if (trimmed.isEmpty()) {
            return Templates.wallet(user(), "", null, List.of());
        }
        try {
            return Templates.wallet(user(), trimmed, null, backups.history(trimmed, 100));
        } catch (InvalidInputException e) {
            return Templates.wallet(user(), trimmed, "The wallet address " + e.violations().get(0).message() + ".",
                    List.of());
        }
    }

    @GET
    @Path("/create")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public TemplateInstance create() {
        return Templates.create(user(), types());
    }

    @GET
    @Path("/restore")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public TemplateInstance restore(@QueryParam("backupId") String backupId, @QueryParam("undo") String undo) {
        Long selected = backupId == null || backupId.isBlank() ? null : Params.id("backupId", backupId);
        Long undoOf = undo == null || undo.isBlank() ? null : Params.id("undo", undo);
        if (undoOf != null) {
            // The backup to undo with is the run's own safety snapshot, whatever the link says.
            Long safety = restores.run(undoOf).safetyBackupId();
            if (safety == null) {
                undoOf = null;
            } else {
                selected = safety;
            }
        }
        List<BackupSummary> completed = backups.list(500, Optional.empty(), Optional.of(BackupStatus.COMPLETED));
        return Templates.restore(user(), completed, selected, undoOf, restores.list(ConsoleFragments.LOG_SIZE),
                restoreConfig.maxTargetWallets());
    }

    @GET
    @Path("/cleanup")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public TemplateInstance cleanup() {
        // Storage only: the full statistics would scan every live wallet for totals this page does not show.
        SystemStatsService.StorageUse use = stats.storageUse();
        return Templates.cleanup(user(), types(), retentionConfig.keepNewest(), new ConsoleViews.Storage(use.bytes(),
                storage.warnSizeBytes(), storage.maxSizeBytes(), use.backups(), storage.maxBackups()));
    }

    @GET
    @Path("/audit")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public TemplateInstance audit(@QueryParam("before") String before) {
        List<AuditEvent> events = audit.list(PAGE_SIZE + 25,
                before == null || before.isBlank() ? null : Params.id("before", before));
        Long next = events.size() == PAGE_SIZE + 25 ? events.get(events.size() - 1).id() : null;
        return Templates.audit(user(), events, next);
    }

    /** What each off-site target's bucket holds, with an import for each copy not known here. */
    @GET
    @Path("/offsite")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public TemplateInstance offsite() {
        return Templates.offsite(user(), offsite.buckets());
    }

    /** Where the provider sends the browser after signing out; open to anyone. */
    @GET
    @Path("/signed-out")
    @Operation(hidden = true)
    public TemplateInstance signedOut() {
        return Templates.signedOut();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return page(403, "Not allowed", "Your role does not include this page. Ask an admin for the role it needs.");
    }

    @ServerExceptionMapper
    Response invalid(InvalidInputException e) {
        return page(400, "Invalid request", e.getMessage());
    }

    @ServerExceptionMapper
    Response unknown(UnknownResourceException e) {
        return page(404, "Not found", e.getMessage());
    }

    private Response page(int status, String title, String detail) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(user(), status, title, detail)).build();
    }

    private ConsoleUser user() {
        return ConsoleUser.of(actor.get());
    }

    private List<ConsoleViews.TypeOption> types() {
        return Arrays.stream(BackupType.values())
                .map(t -> new ConsoleViews.TypeOption(t.wire(), t.namePrefix(), retention.daysFor(t))).toList();
    }

    private ConsoleViews.Storage storageOf(SystemStats s) {
        return new ConsoleViews.Storage(s.storageBytes(), storage.warnSizeBytes(), storage.maxSizeBytes(),
                s.totalBackups() + s.runningBackups(), storage.maxBackups());
    }

    private List<ConsoleViews.Indicator> indicatorsOf(SystemStats s) {
        return stats.indicatorLines(s).stream()
                .map(i -> new ConsoleViews.Indicator("indicator-" + i.key(), i.name(), i.ok(), i.figure())).toList();
    }
}
