package io.goldbackup.gamestate;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Cardano stake (reward) addresses in their bech32 form: {@code stake1...} on mainnet and {@code stake_test1...}
 * on the test networks (CIP-19). Validation checks the whole bech32 checksum, the header byte and the length, so
 * a mistyped address is refused instead of silently matching nothing.
 */
public final class StakeAddress {

    /** Mainnet human-readable part. */
    public static final String MAINNET = "stake";
    /** Test network human-readable part. */
    public static final String TESTNET = "stake_test";

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final int HASH_BYTES = 28;
    /** Header byte plus a 28-byte key or script hash, in 5-bit groups, plus the 6-group checksum. */
    private static final int DATA_CHARS = 53;

    private StakeAddress() {
    }

    /** True when {@code address} is a well-formed stake address with a correct checksum. */
    public static boolean isValid(String address) {
        return problem(address).isEmpty();
    }

    /** What is wrong with {@code address}, or empty when it is a valid stake address. */
    public static Optional<String> problem(String address) {
        if (address == null || address.isEmpty()) {
            return Optional.of("must be a Cardano stake address (stake1... or stake_test1...)");
        }
        if (address.length() > 100) {
            return Optional.of("is too long for a stake address");
        }
        if (!address.equals(address.toLowerCase(Locale.ROOT))) {
            return Optional.of("must be lower-case bech32");
        }
        int separator = address.lastIndexOf('1');
        if (separator < 1) {
            return Optional.of("must be a Cardano stake address (stake1... or stake_test1...)");
        }
        String hrp = address.substring(0, separator);
        boolean mainnet = MAINNET.equals(hrp);
        if (!mainnet && !TESTNET.equals(hrp)) {
            return Optional.of("must start with stake1 or stake_test1");
        }
        String data = address.substring(separator + 1);
        if (data.length() != DATA_CHARS) {
            return Optional.of("has the wrong length for a stake address");
        }
        int[] values = new int[data.length()];
        for (int i = 0; i < data.length(); i++) {
            int v = CHARSET.indexOf(data.charAt(i));
            if (v < 0) {
                return Optional.of("contains a character that bech32 does not use");
            }
            values[i] = v;
        }
        if (polymod(hrp, values, values.length) != 1) {
            return Optional.of("has a wrong bech32 checksum");
        }
        byte[] payload = convertBits(values, values.length - 6);
        if (payload == null || payload.length != HASH_BYTES + 1) {
            return Optional.of("has the wrong payload length for a stake address");
        }
        int header = payload[0] & 0xff;
        int type = header >> 4;
        int network = header & 0x0f;
        if (type != 0x0e && type != 0x0f) {
            return Optional.of("is not a stake address (wrong header type)");
        }
        if (mainnet != (network == 1)) {
            return Optional.of("has a network id that does not match its prefix");
        }
        return Optional.empty();
    }

    /**
     * Encodes a stake address for a 28-byte key hash. Used to make demo and benchmark wallets that pass the same
     * validation as real ones.
     */
    public static String encode(boolean mainnet, byte[] keyHash) {
        if (keyHash.length != HASH_BYTES) {
            throw new IllegalArgumentException("a stake key hash has 28 bytes");
        }
        byte[] payload = new byte[HASH_BYTES + 1];
        payload[0] = (byte) (mainnet ? 0xe1 : 0xe0);
        System.arraycopy(keyHash, 0, payload, 1, HASH_BYTES);
        String hrp = mainnet ? MAINNET : TESTNET;
        int[] data = toFiveBits(payload);
        int[] withChecksum = new int[data.length + 6];
        System.arraycopy(data, 0, withChecksum, 0, data.length);
        int mod = polymod(hrp, withChecksum, withChecksum.length) ^ 1;
        for (int i = 0; i < 6; i++) {
            withChecksum[data.length + i] = (mod >> (5 * (5 - i))) & 31;
        }
        StringBuilder out = new StringBuilder(hrp.length() + 1 + withChecksum.length).append(hrp).append('1');
        for (int v : withChecksum) {
            out.append(CHARSET.charAt(v));
        }
        return out.toString();
    }

    /** The checksum polynomial over the expanded HRP and the first {@code length} data values. */
    private static int polymod(String hrp, int[] data, int length) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) >> 5);
        }
        chk = step(chk, 0);
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) & 31);
        }
        for (int i = 0; i < length; i++) {
            chk = step(chk, data[i]);
        }
        return chk;
    }

    private static int step(int chk, int value) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= GENERATOR[i];
            }
        }
        return chk;
    }

    private static int[] toFiveBits(byte[] bytes) {
        int[] out = new int[(bytes.length * 8 + 4) / 5];
        int acc = 0;
        int bits = 0;
        int n = 0;
        for (byte b : bytes) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[n++] = (acc >> bits) & 31;
            }
        }
        if (bits > 0) {
            out[n++] = (acc << (5 - bits)) & 31;
        }
        return out;
    }

    /** 5-bit groups back to bytes; null when the padding is not zero, as bech32 requires. */
    private static byte[] convertBits(int[] values, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int acc = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            acc = (acc << 5) | values[i];
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((acc >> bits) & 0xff);
            }
        }
        if (bits >= 5 || ((acc << (8 - bits)) & 0xff) != 0) {
            return null;
        }
        return out.toByteArray();
    }
}
