package io.goldbackup.backup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hash tree without a database: ranges, root, the flat version, address decoding and range lookup. */
class RowDigestTest {

    private static byte[] line(String address, String rest) {
        return (address + "\t" + rest + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String address(int n) {
        return "stake1u%05d".formatted(n);
    }

    @Test
    void version2CutsRangesOf64AndHashesTheirHexDigests() throws Exception {
        RowDigest tree = RowDigest.of(RowDigest.TREE);
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            byte[] row = line(address(i), "1.5\t\\N");
            tree.accept(row);
            (i < 64 ? first : second).append(new String(row, StandardCharsets.UTF_8));
        }
        RowDigest.Result result = tree.finish();
        assertEquals(100, result.rows());
        assertEquals(2, result.ranges().size());
        assertEquals(address(63), result.ranges().get(0).lastAddress());
        assertEquals(36, result.ranges().get(1).wallets());
        String a = sha256(first.toString());
        String b = sha256(second.toString());
        assertEquals(a, HexFormat.of().formatHex(result.ranges().get(0).sha256()));
        assertEquals(sha256(a + "\n" + b + "\n"), result.sha256());
    }

    @Test
    void version1IsOneFlatDigestAndNoRowsHashLikeNothing() throws Exception {
        RowDigest flat = RowDigest.of(RowDigest.FLAT);
        flat.accept(line(address(1), "x"));
        flat.accept(line(address(2), "y"));
        RowDigest.Result result = flat.finish();
        assertEquals(sha256(address(1) + "\tx\n" + address(2) + "\ty\n"), result.sha256());
        assertTrue(result.ranges().isEmpty());
        assertEquals(sha256(""), RowDigest.of(RowDigest.TREE).finish().sha256());
        assertThrows(IllegalArgumentException.class, () -> RowDigest.of(3));
    }

    @Test
    void theFirstFieldIsDecodedAsCopyWroteIt() {
        byte[] row = "a\\\\b\\tc\\nd\\x41\\101\\q\tnext\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("a\\b\tc\ndAAq", RowDigest.firstField(row, 0));
        assertEquals("ü", RowDigest.firstField("ü\t1\n".getBytes(StandardCharsets.UTF_8), 0));
    }

    @Test
    void storedRangesMustAddUpToTheChecksumAndTheCount() {
        byte[] d0 = new byte[32];
        byte[] d1 = new byte[32];
        d1[0] = 1;
        String root = RowDigest.root(List.of(d0, d1));
        assertNull(RangeCheck.storedProblem(new BackupRangeRepository.Summary(root, 2, 3, true), root, 3));
        assertTrue(RangeCheck.storedProblem(new BackupRangeRepository.Summary(root, 2, 3, true), root, 4)
                .contains("hold 3 wallets"));
        assertTrue(RangeCheck.storedProblem(new BackupRangeRepository.Summary(root, 2, 3, true), "0".repeat(64), 3)
                .contains("not to the recorded checksum"));
        assertTrue(RangeCheck.storedProblem(new BackupRangeRepository.Summary(root, 2, 3, false), root, 3)
                .contains("not numbered"));
        var checked = List.of(new RangeCheck.Stored(new CanonicalRowsRepository.Bounds(1, "b", null), 1, d1));
        assertTrue(RangeCheck.mismatches(checked, Map.of(1, new CanonicalRowsRepository.Rehashed(1, d1))).isEmpty());
        assertEquals(1, RangeCheck.mismatches(checked, Map.of(1, new CanonicalRowsRepository.Rehashed(1, d0))).size());
        assertTrue(RangeCheck.mismatches(checked, Map.of()).get(0).contains("range 1 (after b to the last) holds 0"));
        assertEquals("E'it''s a \\\\ path'", CanonicalRowsRepository.literal("it's a \\ path"));
    }
}
