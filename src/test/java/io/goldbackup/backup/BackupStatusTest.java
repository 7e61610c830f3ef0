package io.goldbackup.backup;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.Problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackupStatusTest {

    @Test
    void everyStatusParsesFromItsWireSpelling() {
        assertSame(BackupStatus.RUNNING, BackupStatus.fromWire("status", "running"));
        assertSame(BackupStatus.COMPLETED, BackupStatus.fromWire("status", "completed"));
        assertSame(BackupStatus.FAILED, BackupStatus.fromWire("status", "failed"));
        assertSame(BackupStatus.CORRUPT, BackupStatus.fromWire("status", "corrupt"));
        for (BackupStatus status : BackupStatus.values()) {
            assertSame(status, BackupStatus.fromWire("status", status.wire()));
        }
    }

    @Test
    void anUnknownStatusIsRefusedNamingTheFieldAndTheAllowedValues() {
        for (String wrong : new String[]{"done", "COMPLETED", "completed ", "", null}) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> BackupStatus.fromWire("status", wrong), String.valueOf(wrong));
            assertEquals(List.of(new Problem.Violation("status", "must be one of running, completed, failed, corrupt")),
                    refused.violations());
        }
    }
}
