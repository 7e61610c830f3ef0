package io.goldbackup.testsupport;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.goldbackup.backup.BackupVerified;

/**
 * Makes each verification take time on the {@link TestClock}, so that a test can spend a verification run's budget
 * without waiting for it: when a step is set, every verdict moves the fixed clock on by it. Off by default; tests that
 * set it reset it.
 */
@Singleton
public class VerificationTime {

    private final TestClock clock;
    private volatile Duration step;

    VerificationTime(TestClock clock) {
        this.clock = clock;
    }

    /** Every verification from now on takes {@code step} of the test clock's time. */
    public void eachTakes(Duration step) {
        this.step = step;
    }

    /** Verifications take no time again. */
    public void reset() {
        step = null;
    }

    void onVerified(@Observes BackupVerified verified) {
        Duration s = step;
        if (s != null) {
            clock.advance(s);
        }
    }
}
