package io.goldbackup.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.goldbackup.backup.BackupDetails;
import io.goldbackup.drill.Drill.Invariant;
import io.goldbackup.drill.ScratchRepository.Comparison;
import io.goldbackup.drill.ScratchRepository.TopWallet;

/**
 * The verdicts of a drill's invariants from the figures the checks measured: pure rules, no SQL.
 * <p>
 * Sums of gold are compared with a relative tolerance of {@value #TOLERANCE}: PostgreSQL adds a million doubles in
 * whatever order its plan reads them, and two orders may differ in the last bits. Every wallet's own figures are
 * compared exactly ({@code restored-fields}, {@code gold-rule}).
 */
final class Invariants {

    static final double TOLERANCE = 1e-9;

    private Invariants() {
    }

    /**
     * What the backup records, to hold the restored wallets against.
     *
     * @param recordedWallets {@code total_users_backed_up}, written when the backup was taken
     * @param details the backup's details over all its rows (count, totals, top wallets)
     * @param copy for an off-site drill, what the copy's manifest records; null for a drill from the database
     */
    record Reference(long recordedWallets, BackupDetails details, CopyRecord copy) {
    }

    /** What an off-site copy's manifest records. */
    record CopyRecord(long wallets, double totalGold, double totalGoldPerHour) {
    }

    /** The invariants that follow from the restore, in the order they are shown. */
    static List<Invariant> of(Reference reference, Comparison c, List<TopWallet> top) {
        List<Invariant> checks = new ArrayList<>();
        checks.add(walletCount(reference, c));
        checks.add(totals(reference, c));
        checks.add(topWallets(reference.details().topUsers(), top));
        checks.add(restoredFields(c));
        checks.add(goldRule(reference, c));
        return checks;
    }

    private static Invariant walletCount(Reference ref, Comparison c) {
        long rows = ref.details().userDataCount();
        boolean ok = c.restored() == ref.recordedWallets() && c.restored() == rows
                && (ref.copy() == null || c.restored() == ref.copy().wallets());
        String detail = "%s wallets restored; the backup recorded %s and its rows hold %s".formatted(
                count(c.restored()),
                count(ref.recordedWallets()), count(rows))
                + (ref.copy() == null ? "" : "; the copy's manifest records " + count(ref.copy().wallets()));
        return new Invariant("wallet-count", ok, detail);
    }

    private static Invariant totals(Reference ref, Comparison c) {
        BackupDetails d = ref.details();
        boolean ok = close(c.restoredGold(), d.totalGold()) && close(c.restoredRate(), d.totalGoldPerHour())
                && (ref.copy() == null || close(c.restoredGold(), ref.copy().totalGold())
                        && close(c.restoredRate(), ref.copy().totalGoldPerHour()));
        String detail = "restored gold %s and gold per hour %s; the backup's details %s and %s".formatted(
                number(c.restoredGold()), number(c.restoredRate()), number(d.totalGold()),
                number(d.totalGoldPerHour()))
                + (ref.copy() == null
                        ? ""
                        : "; the copy's manifest %s and %s".formatted(number(ref.copy().totalGold()),
                                number(ref.copy().totalGoldPerHour())));
        return new Invariant("totals", ok, detail);
    }

    private static Invariant topWallets(List<BackupDetails.TopUser> expected, List<TopWallet> restored) {
        int n = Math.max(expected.size(), restored.size());
        for (int i = 0; i < n; i++) {
            BackupDetails.TopUser e = i < expected.size() ? expected.get(i) : null;
            TopWallet r = i < restored.size() ? restored.get(i) : null;
            if (e == null || r == null || !Objects.equals(e.walletAddress(), BackupDetails.mask(r.walletAddress()))
                    || e.currentGold() != r.gold() || e.goldPerHour() != r.goldPerHour()
                    || !Objects.equals(e.level(), r.level())) {
                return new Invariant("top-wallets", false,
                        "wallet #%d by gold differs: restored %s, the backup's details %s"
                                .formatted(i + 1,
                                        r == null
                                                ? "none"
                                                : describe(BackupDetails.mask(r.walletAddress()), r.gold(),
                                                        r.goldPerHour(), r.level()),
                                        e == null
                                                ? "none"
                                                : describe(e.walletAddress(), e.currentGold(), e.goldPerHour(),
                                                        e.level())));
            }
        }
        return new Invariant("top-wallets", true, "the %d wallets with the most gold are the backup's top %d, with "
                .formatted(restored.size(), expected.size()) + "the same gold, gold per hour and level");
    }

    private static Invariant restoredFields(Comparison c) {
        boolean ok = c.missing() == 0 && c.extra() == 0 && c.differing() == 0;
        String detail = ok
                ? "every one of the %s wallets has its row's gold, gold per hour, last active time, level, experience "
                        .formatted(count(c.restored()))
                        + "and bank balance, and the restore time as its snapshot time"
                : "%s wallet(s) differ from their row, %s row(s) were not restored, %s restored wallet(s) have no row "
                        .formatted(count(c.differing()), count(c.missing()), count(c.extra()))
                        + "(first: " + c.firstDifference() + ")";
        return new Invariant("restored-fields", ok, detail);
    }

    private static Invariant goldRule(Reference ref, Comparison c) {
        boolean ok = c.ruleOff() == 0 && close(c.ruleGold(), ref.details().totalGold());
        String detail = ok
                ? "the game's gold rule gives every restored wallet the backup's gold at the restore time and one hour "
                        + "of its backed-up rate more an hour later (as for a verified wallet); total "
                        + number(c.ruleGold())
                : "the game's gold rule disagrees with the backup for %s wallet(s) (first: %s); total %s, the backup's %s"
                        .formatted(count(c.ruleOff()), c.firstRuleOff(), number(c.ruleGold()),
                                number(ref.details().totalGold()));
        return new Invariant("gold-rule", ok, detail);
    }

    static boolean close(double actual, double expected) {
        return actual == expected || Math.abs(actual - expected) <= TOLERANCE * Math.max(1.0, Math.abs(expected));
    }

    private static String describe(String address, double gold, double rate, Integer level) {
        return "%s (gold %s, %s/h, level %s)".formatted(address, number(gold), number(rate), level);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String number(double x) {
        return String.format(Locale.ROOT, "%,.6f", x);
    }
}
