package io.goldbackup.backup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The decisions of a partial verification of a version-2 backup, without a database: whether the stored ranges still
 * add up to the recorded checksum, and which re-hashed ranges differ from what was stored. The stored ranges are
 * trusted only once their digests hash to the recorded checksum (which the seal covers) and their wallets add up to
 * the recorded count; a range's bounds are then trusted through its rows: rows that hash to the range's recorded digest
 * are exactly the rows that range held.
 */
final class RangeCheck {

    private RangeCheck() {
    }

    /**
     * A stored range to re-hash: its bounds (range k holds the addresses after range k-1's last address up to its own;
     * the first has no lower bound, the last no upper one) and what it recorded.
     */
    record Stored(CanonicalRowsRepository.Bounds bounds, int wallets, byte[] sha256) {
    }

    /**
     * Stored ranges that differ from a full re-hash.
     *
     * @param count how many differ
     * @param stored how many are stored
     * @param first the first ones, in words
     */
    record Differing(long count, int stored, List<String> first) {
    }

    /**
     * Why the stored ranges cannot be trusted, or null when they can: numbered 0..n-1 in order, their digests hash to
     * {@code checksum}, their wallets add up to {@code walletCount}.
     */
    static String storedProblem(BackupRangeRepository.Summary s, String checksum, long walletCount) {
        if (!s.numbered()) {
            return "the stored ranges are not numbered 0 to " + (s.ranges() - 1);
        }
        if (!s.root().equals(checksum)) {
            return "the " + s.ranges() + " stored range digests hash to " + s.root() + ", not to the recorded checksum";
        }
        if (s.wallets() != walletCount) {
            return "the stored ranges hold " + s.wallets() + " wallets, not the recorded " + walletCount;
        }
        return null;
    }

    /**
     * The re-hashed ranges whose rows no longer hash to (or are not as many as) the stored range, in words; empty
     * when every one matches.
     */
    static List<String> mismatches(List<Stored> checked, Map<Integer, CanonicalRowsRepository.Rehashed> now) {
        List<String> differ = new ArrayList<>();
        for (Stored expected : checked) {
            CanonicalRowsRepository.Rehashed actual = now.get(expected.bounds().number());
            int rows = actual == null ? 0 : actual.rows();
            if (actual == null || rows != expected.wallets() || !Arrays.equals(actual.sha256(), expected.sha256())) {
                differ.add(describe(expected, rows, actual));
            }
        }
        return differ;
    }

    private static String describe(Stored expected, int rows, CanonicalRowsRepository.Rehashed actual) {
        CanonicalRowsRepository.Bounds b = expected.bounds();
        String where = (b.after() == null ? "from the first address" : "after " + b.after())
                + (b.upTo() == null ? " to the last" : " up to " + b.upTo());
        return "range " + b.number() + " (" + where + ") holds " + rows + " rows hashing to "
                + (actual == null ? "nothing" : HexFormat.of().formatHex(actual.sha256())) + ", not the "
                + expected.wallets() + " recorded";
    }
}
