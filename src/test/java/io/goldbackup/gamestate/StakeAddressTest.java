package io.goldbackup.gamestate;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StakeAddressTest {

    // CIP-19 test vectors: the stake key hash address on mainnet and on testnet.
    private static final String MAINNET = "stake1uyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gh6ffgw";
    private static final String TESTNET = "stake_test1uqehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gssrtvn";
    private static final String SCRIPT = "stake178phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcccycj5";
    private static final String TESTNET_SCRIPT = "stake_test17rphkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcljw6kf";
    /** The stake key hash of the CIP-19 vectors. */
    private static final String KEY_HASH = "337b62cfff6403a06a3acbc34f8c46003c69fe79a3628cefa9c47251";

    // Wrong in one way each, with a correct bech32 checksum; made with BIP-173's reference encoder (Python), not
    // with StakeAddress, from the CIP-19 key hash under another header byte, payload or padding.
    /** Header 0x01 (a payment address) under the stake prefix. */
    private static final String PAYMENT_HEADER = "stake1qyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gj39faw";
    /** Header 0xe0 (testnet) under the mainnet prefix. */
    private static final String TESTNET_UNDER_MAINNET = "stake1uqehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5ghgecgf";
    /** Header 0xe1 (mainnet) under the testnet prefix. */
    private static final String MAINNET_UNDER_TESTNET = "stake_test1uyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gszn6v5";
    /** The mainnet vector with a non-zero bit in the padding of its last 5-bit group. */
    private static final String BAD_PADDING = "stake1uyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5f2vau4u";
    /** The mainnet vector with one more payload byte. */
    private static final String LONG_PAYLOAD = "stake1uyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gqw3kqmh";

    @Test
    void cip19VectorsAreValid() {
        assertTrue(StakeAddress.isValid(MAINNET));
        assertTrue(StakeAddress.isValid(TESTNET));
        assertTrue(StakeAddress.isValid(SCRIPT));
        assertTrue(StakeAddress.isValid(TESTNET_SCRIPT));
    }

    @Test
    void encodingTheCip19KeyHashGivesTheCip19Addresses() {
        byte[] hash = HexFormat.of().parseHex(KEY_HASH);
        assertEquals(MAINNET, StakeAddress.encode(true, hash));
        assertEquals(TESTNET, StakeAddress.encode(false, hash));
    }

    @Test
    void encodingRefusesAHashThatIsNot28Bytes() {
        assertThrows(IllegalArgumentException.class, () -> StakeAddress.encode(true, new byte[27]));
        assertThrows(IllegalArgumentException.class, () -> StakeAddress.encode(true, new byte[29]));
    }

    @Test
    void oneChangedCharacterBreaksTheChecksum() {
        char last = MAINNET.charAt(MAINNET.length() - 1);
        String changed = MAINNET.substring(0, MAINNET.length() - 1) + (last == 'q' ? 'p' : 'q');
        assertEquals("has a wrong bech32 checksum", StakeAddress.problem(changed).orElseThrow());
    }

    @Test
    void otherAddressesAreRefusedWithAReason() {
        assertFalse(StakeAddress.isValid(null));
        assertFalse(StakeAddress.isValid(""));
        assertFalse(StakeAddress.isValid(MAINNET.toUpperCase()));
        assertFalse(StakeAddress.isValid(
                "addr1qx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgse35a3x"));
        assertFalse(StakeAddress.isValid("stake1' OR 1=1 --"));
        assertFalse(StakeAddress.isValid(MAINNET + "q"));
    }

    @Test
    void eachKindOfWrongAddressGetsItsOwnReason() {
        String notStake = "must be a Cardano stake address (stake1... or stake_test1...)";
        assertEquals(notStake, StakeAddress.problem(null).orElseThrow());
        assertEquals(notStake, StakeAddress.problem("").orElseThrow());
        assertEquals(notStake, StakeAddress.problem("stakeuyehkck0lajq8gr28t9uxnuvgcqrc6070").orElseThrow());
        assertEquals(notStake, StakeAddress.problem("1uyehkck0lajq8gr28t9uxnuvgcqrc6070").orElseThrow());
        assertEquals("is too long for a stake address", StakeAddress.problem("stake1" + "q".repeat(95)).orElseThrow());
        assertEquals("must be lower-case bech32", StakeAddress.problem(MAINNET.toUpperCase()).orElseThrow());
        assertEquals("must start with stake1 or stake_test1",
                StakeAddress.problem("addr1" + MAINNET.substring(6)).orElseThrow());
        assertEquals("has the wrong length for a stake address", StakeAddress.problem(MAINNET + "q").orElseThrow());
        assertEquals("has the wrong length for a stake address", StakeAddress.problem(LONG_PAYLOAD).orElseThrow());
        // b, i and o are not in the bech32 alphabet (nor is 1 after the separator).
        assertEquals("contains a character that bech32 does not use",
                StakeAddress.problem(MAINNET.substring(0, 10) + "b" + MAINNET.substring(11)).orElseThrow());
        assertEquals("has the wrong payload length for a stake address",
                StakeAddress.problem(BAD_PADDING).orElseThrow());
        assertEquals("is not a stake address (wrong header type)", StakeAddress.problem(PAYMENT_HEADER).orElseThrow());
        assertEquals("has a network id that does not match its prefix",
                StakeAddress.problem(TESTNET_UNDER_MAINNET).orElseThrow());
        assertEquals("has a network id that does not match its prefix",
                StakeAddress.problem(MAINNET_UNDER_TESTNET).orElseThrow());
    }

    @Test
    void aMainnetAddressUnderTheTestnetPrefixFailsItsChecksum() {
        // The checksum covers the prefix: swapping it alone is caught before the network id is read.
        String swapped = StakeAddress.encode(true, new byte[28]).replace("stake1", "stake_test1");
        assertEquals("has a wrong bech32 checksum", StakeAddress.problem(swapped).orElseThrow());
    }

    @Test
    void encodedAddressesRoundTrip() {
        for (int n = 0; n < 200; n++) {
            String address = GameStateSeeder.demoAddress(n);
            assertTrue(StakeAddress.isValid(address), address);
            assertEquals(59, address.length());
        }
        assertTrue(StakeAddress.isValid(StakeAddress.encode(false, new byte[28])));
    }
}
