package io.goldbackup.offsite;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.goldbackup.gamestate.GameStateSeeder;

/**
 * Backup rows as PostgreSQL's COPY text format writes them for {@code SnapshotRepository.CANONICAL_COLUMNS}: valid
 * mainnet stake addresses in address order, doubles in PostgreSQL's shortest exact form (up to 17 significant digits
 * where gold accrued over time), timestamps with microseconds and {@code +00}, small integers, {@code \N} for nulls,
 * tab-separated. Deterministic for a seed, so measurements and tests see the same data every run.
 */
final class CopyRows {

    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");

    private CopyRows() {
    }

    /** {@code rows} rows as COPY text, in memory: test data, never a production path. */
    static byte[] generate(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> addresses = new ArrayList<>(rows);
        for (int n = 0; n < rows; n++) {
            addresses.add(GameStateSeeder.demoAddress(seed * 10_000_000L + n));
        }
        addresses.sort(null);
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows * 360);
        StringBuilder line = new StringBuilder(400);
        for (String address : addresses) {
            line.setLength(0);
            appendRow(line, address, random);
            out.writeBytes(line.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static void appendRow(StringBuilder line, String address, SplittableRandom random) {
        int meks = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(40);
        double rate = 0;
        double topRate = 0;
        for (int k = 0; k < meks; k++) {
            // Mek rates have two decimals; their float sum carries the usual binary noise (183.26999999999998).
            double mekRate = 5 + random.nextInt(4500) / 100.0;
            rate += mekRate;
            topRate = Math.max(topRate, mekRate);
        }
        double accumulated = random.nextDouble() * 250_000;
        long sinceSnapshotMicros = random.nextLong(172_800_000_000L);
        double current = accumulated + rate * sinceSnapshotMicros / 3_600_000_000.0;
        boolean player = random.nextInt(10) != 0;

        line.append(address).append('\t');
        line.append(number(current)).append('\t');
        line.append(number(rate)).append('\t');
        line.append(random.nextInt(20) == 0 ? "\\N" : number(accumulated)).append('\t');
        line.append(random.nextInt(33) == 0 ? "\\N" : timestamp(sinceSnapshotMicros)).append('\t');
        line.append(number(rate)).append('\t');
        line.append(meks).append('\t');
        line.append(timestamp(random.nextLong(86_400_000_000L))).append('\t');
        line.append(meks == 0 ? "\\N" : number(topRate)).append('\t');
        line.append(meks == 0 ? "\\N" : assetId(random.nextInt(4000))).append('\t');
        line.append(number(rate)).append('\t');
        line.append(player ? Integer.toString(1 + random.nextInt(60)) : "\\N").append('\t');
        line.append(player ? Long.toString(random.nextLong(1_000_000)) : "\\N").append('\t');
        line.append(player ? number(random.nextInt(100_000_000) / 100.0) : "\\N").append('\n');
    }

    /** PostgreSQL's float8 text: shortest exact digits, no exponent below 1e15, no trailing ".0". */
    private static String number(double d) {
        String s = Double.toString(d);
        if (s.indexOf('E') >= 0) {
            s = BigDecimal.valueOf(d).toPlainString();
        }
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** PostgreSQL's timestamptz text in UTC: microseconds without trailing zeros, then {@code +00}. */
    private static String timestamp(long microsAgo) {
        Instant t = NOW.minusNanos(microsAgo * 1000);
        LocalDateTime local = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        StringBuilder s = new StringBuilder(32);
        s.append(local.toLocalDate()).append(' ');
        s.append(String.format("%02d:%02d:%02d", local.getHour(), local.getMinute(), local.getSecond()));
        int micros = local.getNano() / 1000;
        if (micros != 0) {
            String fraction = String.format("%06d", micros);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            s.append('.').append(fraction, 0, end);
        }
        return s.append("+00").toString();
    }

    /** A mek's asset id: the policy id, then the hex of its asset name (as the seeder writes them). */
    private static String assetId(int mek) {
        byte[] name = ("Mekanism" + mek).getBytes(StandardCharsets.US_ASCII);
        StringBuilder s = new StringBuilder(GameStateSeeder.MEK_POLICY_ID);
        for (byte b : name) {
            s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }
}
