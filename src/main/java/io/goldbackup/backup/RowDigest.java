package io.goldbackup.backup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A backup's checksum, computed from its canonical rows (COPY text lines, newline included, in address order) as they
 * stream past: the JVM holds one row and one digest per range, never the rows.
 * <ul>
 * <li>Snapshot version 1 ({@link #FLAT}): SHA-256 over all the lines.</li>
 * <li>Snapshot version 2 ({@link #TREE}): the lines fall into ranges of {@value #RANGE_WALLETS}; each range's digest
 * is SHA-256 over its lines, and the checksum is SHA-256 over the ranges' lower-case hex digests, one per line. The
 * same as {@code split -l 64 --filter='sha256sum | cut -c1-64' | sha256sum} over the COPY output. No rows: SHA-256 of
 * nothing, as in version 1.</li>
 * </ul>
 */
public final class RowDigest {

    /** Snapshot version 1: one SHA-256 over every row. */
    public static final int FLAT = 1;

    /** Snapshot version 2: a SHA-256 per range of {@value #RANGE_WALLETS} wallets, and the checksum over them. */
    public static final int TREE = 2;

    /**
     * Wallets per range. Small enough that a restore of 100 wallets spread over a million re-reads at most 6,400 rows
     * (0.64% of the backup, about 25 ms); large enough that a million wallets have 15,625 ranges, read and hashed into
     * the root in a few milliseconds.
     */
    public static final int RANGE_WALLETS = 64;

    private final int version;
    private final boolean addresses;
    private final MessageDigest digest = sha256();
    private final List<Range> ranges = new ArrayList<>();
    private long rows;
    private int inRange;
    private byte[] lastRow;

    private RowDigest(int version, boolean addresses) {
        if (version != FLAT && version != TREE) {
            throw new IllegalArgumentException("no checksum is defined for snapshot version " + version);
        }
        this.version = version;
        this.addresses = addresses;
    }

    /**
     * A digest of rows for snapshot version {@code version} ({@link #FLAT} or {@link #TREE}) whose ranges know their
     * last address: what a new backup stores.
     */
    public static RowDigest of(int version) {
        return new RowDigest(version, true);
    }

    /** As {@link #of}, but the ranges keep only their digests and sizes: what a verification compares. */
    public static RowDigest digestsOnly(int version) {
        return new RowDigest(version, false);
    }

    /** Adds one row: a COPY text line, its newline included. */
    public void accept(byte[] row) {
        accept(row, 0, row.length);
    }

    /** Adds one row, {@code length} bytes of {@code row} from {@code offset}. */
    public void accept(byte[] row, int offset, int length) {
        digest.update(row, offset, length);
        rows++;
        if (version == TREE) {
            lastRow = offset == 0 && length == row.length
                    ? row
                    : java.util.Arrays.copyOfRange(row, offset,
                            offset + length);
            if (++inRange == RANGE_WALLETS) {
                closeRange();
            }
        }
    }

    private void closeRange() {
        ranges.add(new Range(ranges.size(), addresses ? firstField(lastRow, 0) : null, inRange, digest.digest()));
        inRange = 0;
    }

    /** The checksum (hex), the rows it covers and, for version 2, its ranges. Once. */
    public Result finish() {
        if (version == FLAT) {
            return new Result(HexFormat.of().formatHex(digest.digest()), rows, List.of());
        }
        if (inRange > 0) {
            closeRange();
        }
        return new Result(root(ranges.stream().map(Range::sha256).toList()), rows, List.copyOf(ranges));
    }

    /** The checksum over range digests, in range order: SHA-256 of their hex forms, one per line. */
    public static String root(List<byte[]> digests) {
        MessageDigest root = sha256();
        HexFormat hex = HexFormat.of();
        for (byte[] d : digests) {
            root.update(hex.formatHex(d).getBytes(StandardCharsets.US_ASCII));
            root.update((byte) '\n');
        }
        return hex.formatHex(root.digest());
    }

    /**
     * One range of a version-2 backup.
     *
     * @param number from 0, in address order
     * @param lastAddress the greatest address in it; the range holds every address after the previous range's (null
    *        when computed by {@link #digestsOnly})
     * @param wallets rows in it ({@value #RANGE_WALLETS}, fewer in the last)
     * @param sha256 SHA-256 over its rows' canonical text
     */
    public record Range(int number, String lastAddress, int wallets, byte[] sha256) {
    }

    /**
     * A checksum over canonical rows.
     *
     * @param sha256 the checksum (version 1: flat; version 2: the root over the ranges), hex
     * @param rows rows covered
     * @param ranges version 2: the ranges; version 1: none
     */
    public record Result(String sha256, long rows, List<Range> ranges) {
    }

    /**
     * The first field of a COPY text line from byte {@code from}, its escapes undone: a wallet address as the database
     * holds it. COPY writes a backslash before a backslash, tab, newline or carriage return in a value, and may write
     * \b, \f, \v, octal and hex escapes; the field ends at the first unescaped tab or newline.
     */
    static String firstField(byte[] line, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        int i = from;
        while (i < line.length && line[i] != '\t' && line[i] != '\n') {
            byte b = line[i++];
            if (b != '\\' || i >= line.length) {
                out.write(b);
                continue;
            }
            byte e = line[i++];
            switch (e) {
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(0x0B);
                case 'x' -> {
                    int v = 0;
                    int n = 0;
                    while (n < 2 && i < line.length && Character.digit(line[i], 16) >= 0) {
                        v = v * 16 + Character.digit(line[i++], 16);
                        n++;
                    }
                    out.write(n == 0 ? 'x' : v);
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int n = 1;
                        while (n < 3 && i < line.length && line[i] >= '0' && line[i] <= '7') {
                            v = v * 8 + (line[i++] - '0');
                            n++;
                        }
                        out.write(v);
                    } else {
                        out.write(e);
                    }
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
