package io.goldbackup.drill;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.goldbackup.backup.BackupDetails;
import io.goldbackup.drill.Drill.Invariant;
import io.goldbackup.drill.ScratchRepository.Comparison;
import io.goldbackup.drill.ScratchRepository.TopWallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verdicts from measured figures: what a broken restore (a wallet written wrong, one missing, the stale gold of the
 * original system) fails, with the figures in its detail; and the tolerance on sums of a million doubles.
 */
class InvariantsTest {

    private static final String ADDRESS = "stake1u8a3zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzq9x2kd";

    private static BackupDetails details(long wallets, double gold, double rate) {
        return new BackupDetails(null, wallets, gold, rate, 0, 0, 0,
                List.of(new BackupDetails.TopUser(BackupDetails.mask(ADDRESS), 50, 2, 3, 7)));
    }

    private static Invariant named(List<Invariant> invariants, String name) {
        return invariants.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aFaithfulRestorePassesEverything() {
        List<Invariant> checks = Invariants.of(new Invariants.Reference(2, details(2, 80, 3), null),
                new Comparison(2, 2, 0, 0, 0, null, 80, 3, 80, 0, null), List.of(new TopWallet(ADDRESS, 50, 2, 7)));
        assertEquals(List.of("wallet-count", "totals", "top-wallets", "restored-fields", "gold-rule"),
                checks.stream().map(Invariant::name).toList());
        assertTrue(checks.stream().allMatch(Invariant::ok), checks.toString());
    }

    @Test
    void aRestoreThatWritesOneWalletWrongAndLosesAnotherFailsWithTheFigures() {
        List<Invariant> checks = Invariants.of(new Invariants.Reference(3, details(3, 100, 3), null),
                new Comparison(2, 3, 1, 0, 1, "stake1uabc", 70, 2, 70, 1, "stake1uabc"),
                List.of(new TopWallet(ADDRESS, 49, 2, 7)));
        assertFalse(named(checks, "wallet-count").ok());
        assertFalse(named(checks, "totals").ok());
        assertEquals("wallet #1 by gold differs: restored stake1u8a3...q9x2kd (gold 49.000000, 2.000000/h, level 7), "
                + "the backup's details stake1u8a3...q9x2kd (gold 50.000000, 2.000000/h, level 7)",
                named(checks, "top-wallets").detail());
        assertEquals("1 wallet(s) differ from their row, 1 row(s) were not restored, 0 restored wallet(s) have no row "
                + "(first: stake1uabc)", named(checks, "restored-fields").detail());
        assertFalse(named(checks, "gold-rule").ok());
    }

    @Test
    void sumsMayDifferInTheLastBitsOnly() {
        assertTrue(Invariants.close(1e12 + 0.0001, 1e12));
        assertFalse(Invariants.close(1e12 + 10_000, 1e12));
        assertTrue(Invariants.close(0, 0));
        assertFalse(Invariants.close(0.5, 0));
    }

    @Test
    void anOffsiteCopyMustAlsoMatchItsManifest() {
        Invariants.Reference reference = new Invariants.Reference(2, details(2, 80, 3),
                new Invariants.CopyRecord(3, 80, 3));
        List<Invariant> checks = Invariants.of(reference, new Comparison(2, 2, 0, 0, 0, null, 80, 3, 80, 0, null),
                List.of(new TopWallet(ADDRESS, 50, 2, 7)));
        assertFalse(named(checks, "wallet-count").ok());
        assertTrue(named(checks, "wallet-count").detail().endsWith("the copy's manifest records 3"));
    }
}
