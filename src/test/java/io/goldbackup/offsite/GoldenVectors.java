package io.goldbackup.offsite;

/**
 * An object written by format version 1 (2026-11-30) with a fixed test key. The tests read it to prove that copies
 * made today stay readable whatever changes later (this code, Tink, zstd, the JDK). Never regenerate it to make a
 * test pass: a failure means existing copies would be lost.
 * <p>
 * The key is a test constant (bytes {@code 11 * i + 3}), not a key of any environment.
 */
final class GoldenVectors {

    static final String KEYS = "golden:Aw4ZJC86RVBbZnF8h5KdqLO+ydTf6vUACxYhLDdCTVg=";

    /** The plaintext, zstd-1, then AES256_GCM_HKDF_1MB under the key's encryption sub-key. */
    static final String OBJECT_BASE64 = "KC0UV3nhTbF+u+d1gGiU4EcbwLiEQ67iIcyDmuBbpC487r4tUTURlZsYvF1KtUYCIaxs0/nk8s3zzju"
            + "YWaxS04Hg+8dsyf057F/QAuhRi5UA67QOmUeE";

    static final String OBJECT_AD = "golden/part-00001";

    static final String OBJECT_PLAINTEXT = "stake1u8golden\t1.5\t\\N\n";

    private GoldenVectors() {
    }
}
