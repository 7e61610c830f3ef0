package io.goldbackup.backup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The decisions of a partial verification of a version-2 backup, without a database: which stored ranges hold some
 * wallets, whether the stored ranges still add up to the recorded checksum, and which re-hashed ranges differ from
 * what was stored. The stored ranges are trusted only once their digests hash to the recorded checksum (which the seal
 * covers) and their wallets add up to the recorded count; a range's bounds are then trusted through its rows: rows that
 * hash to the range's recorded digest are exactly the rows that range held.
 */
final class RangeCheck {

    private RangeCheck() {
    }

    /**
     * The ranges, as bounds to re-hash, that hold {@code addresses} (a wallet the backup does not hold falls in the range
     * that would hold it: one absent row and the range's digest still holds, one added and it does not), each once, in
     * order. Range k holds the addresses after range k-1's last address up to its own; the first has no lower bound,
     * the last no upper one. Addresses compare byte-wise, as the backup orders them (COLLATE "C").
     */
    static List<CanonicalRowsRepository.Bounds> holding(List<RowDigest.Range> ranges, Collection<String> addresses) {
        if (ranges.isEmpty()) {
            return List.of();
        }
        byte[][] lasts = ranges.stream().map(r -> utf8(r.lastAddress())).toArray(byte[][]::new);
        TreeSet<Integer> numbers = new TreeSet<>();
        for (String address : addresses) {
            byte[] a = utf8(address);
            int low = 0;
            int high = lasts.length - 1;
            // The first range whose last address is at or after the address; none: the last range.
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (Arrays.compareUnsigned(lasts[mid], a) >= 0) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            numbers.add(low);
        }
        List<CanonicalRowsRepository.Bounds> bounds = new ArrayList<>(numbers.size());
        int last = ranges.size() - 1;
        for (int k : numbers) {
            bounds.add(new CanonicalRowsRepository.Bounds(k, k == 0 ? null : ranges.get(k - 1).lastAddress(),
                    k == last ? null : ranges.get(k).lastAddress()));
        }
        return bounds;
    }

    /**
     * Why the stored ranges cannot be trusted, or null when they can: numbered 0..n-1 in order, their digests hash to
     * {@code checksum}, their wallets add up to {@code walletCount}.
     */
    static String storedProblem(List<RowDigest.Range> ranges, String checksum, long walletCount) {
        long wallets = 0;
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i).number() != i) {
                return "the stored ranges are not numbered 0 to " + (ranges.size() - 1);
            }
            wallets += ranges.get(i).wallets();
        }
        String root = RowDigest.root(ranges.stream().map(RowDigest.Range::sha256).toList());
        if (!root.equals(checksum)) {
            return "the " + ranges.size() + " stored range digests hash to " + root + ", not to the recorded checksum";
        }
        if (wallets != walletCount) {
            return "the stored ranges hold " + wallets + " wallets, not the recorded " + walletCount;
        }
        return null;
    }

    /**
     * The re-hashed ranges whose rows no longer hash to (or are not as many as) the stored range, in words; empty
     * when every one matches.
     */
    static List<String> mismatches(List<RowDigest.Range> stored, List<CanonicalRowsRepository.Bounds> checked,
            Map<Integer, CanonicalRowsRepository.Rehashed> now) {
        List<String> differ = new ArrayList<>();
        for (CanonicalRowsRepository.Bounds b : checked) {
            RowDigest.Range expected = stored.get(b.number());
            CanonicalRowsRepository.Rehashed actual = now.get(b.number());
            int rows = actual == null ? 0 : actual.rows();
            if (actual == null || rows != expected.wallets() || !Arrays.equals(actual.sha256(), expected.sha256())) {
                differ.add(describe(b, rows, expected, actual));
            }
        }
        return differ;
    }

    /** The ranges whose digest differs between two lists of the same backup (a full re-hash and the stored one). */
    static List<String> differing(List<RowDigest.Range> stored, List<RowDigest.Range> actual) {
        List<String> differ = new ArrayList<>();
        int n = Math.max(stored.size(), actual.size());
        for (int k = 0; k < n; k++) {
            RowDigest.Range s = k < stored.size() ? stored.get(k) : null;
            RowDigest.Range a = k < actual.size() ? actual.get(k) : null;
            if (s == null || a == null || !Arrays.equals(s.sha256(), a.sha256()) || s.wallets() != a.wallets()) {
                differ.add("range " + k + (s == null ? " (not stored)" : " (up to " + s.lastAddress() + ")"));
            }
        }
        return differ;
    }

    /** The checksum over the stored digests with the re-hashed ones in their place. */
    static String rootWith(List<RowDigest.Range> stored, Map<Integer, CanonicalRowsRepository.Rehashed> now) {
        List<byte[]> digests = new ArrayList<>(stored.size());
        for (RowDigest.Range r : stored) {
            CanonicalRowsRepository.Rehashed actual = now.get(r.number());
            digests.add(actual == null ? r.sha256() : actual.sha256());
        }
        return RowDigest.root(digests);
    }

    private static String describe(CanonicalRowsRepository.Bounds b, int rows, RowDigest.Range expected,
            CanonicalRowsRepository.Rehashed actual) {
        String where = (b.after() == null ? "from the first address" : "after " + b.after())
                + (b.upTo() == null ? " to the last" : " up to " + b.upTo());
        return "range " + b.number() + " (" + where + ") holds " + rows + " rows hashing to "
                + (actual == null ? "nothing" : HexFormat.of().formatHex(actual.sha256())) + ", not the "
                + expected.wallets() + " recorded";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
