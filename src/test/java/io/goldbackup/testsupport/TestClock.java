package io.goldbackup.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * The clock of every test: the system clock until a test fixes it, so that tests cross UTC days, retention edges
 * and Sundays without waiting. Replaces the application's default clock bean. Tests that set it reset it.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Instant fixed;

    /** Fixes the time at {@code instant}. */
    public void set(Instant instant) {
        fixed = instant;
    }

    /** Moves a fixed time on. */
    public void advance(Duration duration) {
        fixed = instant().plus(duration);
    }

    /** Back to the system clock. */
    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
