package io.goldbackup.backup;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetentionPolicyTest {

    private static final RetentionConfig.Days DAYS = new RetentionConfig.Days() {
        @Override
        public int autoDaily() {
            return 30;
        }

        @Override
        public int manual() {
            return 31;
        }

        @Override
        public int preUpdate() {
            return 32;
        }

        @Override
        public int preMigration() {
            return 60;
        }

        @Override
        public int emergency() {
            return 90;
        }
    };

    private final RetentionPolicy policy = new RetentionPolicy(new RetentionConfig() {
        @Override
        public Days days() {
            return DAYS;
        }

        @Override
        public int keepNewest() {
            return 2;
        }
    });

    @Test
    void eachTypeIsKeptForItsOwnNumberOfDays() {
        assertEquals(30, policy.daysFor(BackupType.AUTO_DAILY));
        assertEquals(31, policy.daysFor(BackupType.MANUAL));
        assertEquals(32, policy.daysFor(BackupType.PRE_UPDATE));
        assertEquals(60, policy.daysFor(BackupType.PRE_MIGRATION));
        assertEquals(90, policy.daysFor(BackupType.EMERGENCY));
    }

    @Test
    void aBackupExpiresItsDaysAfterItWasTakenToTheMicrosecond() {
        Instant taken = Instant.parse("2026-02-27T23:59:59.123456Z");
        assertEquals(Instant.parse("2026-05-28T23:59:59.123456Z"),
                policy.expiresAt(BackupType.EMERGENCY, taken));
        assertEquals(Instant.parse("2026-03-29T23:59:59.123456Z"), policy.expiresAt(BackupType.AUTO_DAILY, taken));
    }
}
