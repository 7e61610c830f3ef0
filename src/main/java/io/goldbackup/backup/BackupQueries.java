package io.goldbackup.backup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.goldbackup.gamestate.StakeAddress;
import io.goldbackup.security.Actor;
import io.goldbackup.security.Roles;
import io.goldbackup.web.InvalidInputException;
import io.quarkus.logging.Log;

/** The read side of backups: lists, pages, one backup with its totals, its wallet rows, a wallet's history. */
@ApplicationScoped
public class BackupQueries {

    private static final TypeReference<List<BackupWarning>> WARNINGS = new TypeReference<>() {
    };

    private final BackupRepository backups;
    private final BackupWalletRepository wallets;
    private final ObjectMapper json;
    private final Clock clock;

    BackupQueries(BackupRepository backups, BackupWalletRepository wallets, ObjectMapper json, Clock clock) {
        this.backups = backups;
        this.wallets = wallets;
        this.json = json;
        this.clock = clock;
    }

    /** Backups newest first. */
    public List<BackupSummary> list(int limit, Optional<BackupType> type, Optional<BackupStatus> status) {
        Instant now = clock.instant();
        return backups.list(limit, type, status).stream()
                .map(b -> BackupSummary.of(b, warningsOf(b), now)).toList();
    }

    /** The newest completed backups that count as backups (safety snapshots left out): what the chart draws. */
    public List<BackupSummary> newestCounted(int limit) {
        Instant now = clock.instant();
        return backups.newestCounted(limit).stream().map(b -> BackupSummary.of(b, warningsOf(b), now)).toList();
    }

    /**
     * One page of backups sorted by {@code sort}, of those {@code search} finds (sorted, filtered and counted in
     * PostgreSQL).
     *
     * @param pageIndex from 0
     */
    public BackupPage page(BackupSearch search, BackupSort sort, boolean ascending, int pageIndex, int size) {
        Instant now = clock.instant();
        BackupRepository.Paged paged = backups.listPage(search, sort, ascending, pageIndex, size);
        return new BackupPage(paged.rows().stream().map(b -> BackupSummary.of(b, warningsOf(b), now)).toList(),
                pageIndex, size, paged.total());
    }

    /** One backup's summary. */
    public BackupSummary summary(long id) {
        Backup b = require(id);
        return BackupSummary.of(b, warningsOf(b), clock.instant());
    }

    /**
     * One backup with totals, averages and top wallets over all its rows; the top wallets' addresses masked. A completed
     * backup's are computed once and kept (its rows never change); a corrupt one's are computed on every read.
     */
    public BackupDetails details(long id) {
        return details(id, false);
    }

    /**
     * One backup with totals, averages and top wallets over all its rows, as {@code reader} may see it: operators
     * and admins (who restore wallets by their address) see the top wallets' whole addresses, viewers masked ones.
     */
    public BackupDetails details(long id, Actor reader) {
        return details(id, reader.roles().contains(Roles.OPERATOR));
    }

    private BackupDetails details(long id, boolean wholeAddresses) {
        BackupSummary summary = summary(id);
        BackupWalletRepository.Aggregates a = summary.status() == BackupStatus.COMPLETED
                ? wallets.kept(id).orElseGet(() -> {
                    BackupWalletRepository.Aggregates computed = wallets.aggregates(id);
                    wallets.keep(id, computed);
                    return computed;
                })
                : wallets.aggregates(id);
        List<BackupDetails.TopUser> top = wholeAddresses
                ? a.topUsers()
                : a.topUsers().stream().map(BackupDetails.TopUser::masked).toList();
        return new BackupDetails(summary, a.wallets(), a.totalGold(), a.totalGoldPerHour(), a.totalMeks(),
                a.averageGold(), a.averageGoldPerHour(), top);
    }

    /**
     * A page of a backup's wallet rows after {@code after} in address order, and the cursor of the next page (null
     * when this page is the last).
     */
    public WalletPage wallets(long id, String after, int limit) {
        // A cursor is a wallet address from the previous page: letters, digits and underscores, nothing else.
        if (after != null && !after.matches("[A-Za-z0-9_]+")) {
            throw new InvalidInputException("after",
                    "must be the walletAddress of the last row of the previous page");
        }
        require(id);
        List<BackupWallet> rows = wallets.page(id, after == null ? "" : after, limit);
        return new WalletPage(rows, rows.size() == limit ? rows.get(rows.size() - 1).walletAddress() : null);
    }

    /**
     * A page of wallet rows.
     *
     * @param nextAfter the cursor of the next page, or null when there is none
     */
    public record WalletPage(List<BackupWallet> rows, String nextAfter) {
    }

    /**
     * A wallet's rows across completed backups, newest first.
     *
     * @throws InvalidInputException naming {@code walletAddress} when it is not a valid stake address
     */
    public List<WalletBackupEntry> history(String walletAddress, int limit) {
        StakeAddress.problem(walletAddress).ifPresent(problem -> {
            throw new InvalidInputException("walletAddress", problem);
        });
        return wallets.history(walletAddress, limit);
    }

    /** The backup with the globally unique id {@code uuid}, if this database has it. */
    public Optional<BackupSummary> byUuid(UUID uuid) {
        return backups.byUuid(uuid).map(b -> BackupSummary.of(b, warningsOf(b), clock.instant()));
    }

    /** Completed backups (no safety snapshots) of the given types, newest first. */
    public List<BackupSummary> completedOfTypes(List<BackupType> types) {
        Instant now = clock.instant();
        return backups.completedOfTypes(types.stream().map(BackupType::wire).toList()).stream()
                .map(b -> BackupSummary.of(b, warningsOf(b), now)).toList();
    }

    /** The newest completed backup (no safety snapshot) of the given types, if any: one indexed read. */
    public Optional<BackupSummary> newestOfTypes(List<BackupType> types) {
        return backups.newestOfTypes(types.stream().map(BackupType::wire).toList())
                .map(b -> BackupSummary.of(b, warningsOf(b), clock.instant()));
    }

    /** The oldest completed backup still kept (no safety snapshot), if any: one indexed read. */
    public Optional<BackupSummary> oldestCounted() {
        return backups.oldestCounted().map(b -> BackupSummary.of(b, warningsOf(b), clock.instant()));
    }

    /** Which of {@code uuids} this database has, in one query. */
    public java.util.Set<UUID> knownUuids(java.util.Collection<UUID> uuids) {
        return java.util.Set.copyOf(backups.knownUuids(uuids));
    }

    /** The UTC day's scheduled backup that did not fail, if any. */
    public Optional<Long> dailyBackupOf(LocalDate day) {
        return backups.dailyBackupOf(day);
    }

    /** The backup's metadata row; 404 when it does not exist. */
    Backup require(long id) {
        return backups.byId(id).orElseThrow(() -> new BackupNotFoundException(id));
    }

    private List<BackupWarning> warningsOf(Backup b) {
        if (b.warnings == null || b.warnings.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(b.warnings, WARNINGS);
        } catch (JsonProcessingException e) {
            Log.warnf("Backup %d has unreadable warnings", b.id);
            return List.of();
        }
    }
}
