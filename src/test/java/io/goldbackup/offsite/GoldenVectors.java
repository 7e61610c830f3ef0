package io.goldbackup.offsite;

/**
 * An object and a manifest written by format version 1 (2026-11-30) with a fixed test key. The tests read and verify
 * them to prove that copies made today stay readable whatever changes later (this code, Tink, zstd, Jackson, the
 * JDK). Never regenerate them to make a test pass: a failure means existing copies would be lost.
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

    /** The manifest of that object, signed with the same key. */
    static final String MANIFEST_JSON = """
            {"backupId":42,"backupName":"Daily backup 2026-11-30","backupTimestamp":"2026-11-30T03:00:00.123456Z",\
            "backupType":"auto_daily","checksum":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",\
            "cipher":"AES256_GCM_HKDF_1MB","compression":"zstd-1","createdAt":"2026-11-30T03:05:00Z",\
            "formatVersion":1,"keyId":"golden","mac":"fe5305a8b3b610ace1f4979a5e3642c1b00426ec11364e404262368275b6c4fc",\
            "objects":[{"bytes":87,"key":"golden/part-00001",\
            "sha256":"9a451adca1d320748af5e5e9bac264ff7086ce8c7af89548f5134ad2ac5e42b6"}],\
            "totalUsersBackedUp":1000,"totals":{"totalGold":123456.78901234567,"totalGoldPerHour":987.25},\
            "uuid":"0b8e7a52-2c43-4d7e-9a55-0d3f1c8f4a10"}""";

    private GoldenVectors() {
    }
}
