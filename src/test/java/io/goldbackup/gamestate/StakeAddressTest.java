package io.goldbackup.gamestate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StakeAddressTest {

    // CIP-19 test vectors: the stake key hash address on mainnet and on testnet.
    private static final String MAINNET = "stake1uyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gh6ffgw";
    private static final String TESTNET = "stake_test1uqehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gssrtvn";
    private static final String SCRIPT = "stake178phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcccycj5";

    @Test
    void cip19VectorsAreValid() {
        assertTrue(StakeAddress.isValid(MAINNET));
        assertTrue(StakeAddress.isValid(TESTNET));
        assertTrue(StakeAddress.isValid(SCRIPT));
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
        // A mainnet payload under the testnet prefix: the checksum is recomputed, so only the network id is wrong.
        byte[] hash = new byte[28];
        String mismatched = StakeAddress.encode(true, hash).replace("stake1", "stake_test1");
        assertFalse(StakeAddress.isValid(mismatched));
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
