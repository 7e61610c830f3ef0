package io.goldbackup.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which jobs run in this process and since when, so that a job stuck past its time limit can be seen (the liveness
 * check turns DOWN on it: a restart is what cures a hung job).
 */
@ApplicationScoped
public class JobMonitor {

    private final Map<String, Instant> running = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ScheduleConfig config;

    JobMonitor(Clock clock, ScheduleConfig config) {
        this.clock = clock;
        this.config = config;
    }

    void started(String job) {
        running.put(job, clock.instant());
    }

    void finished(String job) {
        running.remove(job);
    }

    /** Jobs running now, with their start. */
    public Map<String, Instant> running() {
        return Map.copyOf(running);
    }

    /** The longest-running job past the time limit, if any. */
    public Optional<Map.Entry<String, Instant>> stuck() {
        Instant limit = clock.instant().minus(config.jobTimeLimit());
        return running.entrySet().stream().filter(e -> e.getValue().isBefore(limit))
                .min(Map.Entry.comparingByValue());
    }

    /** The configured time limit. */
    public Duration timeLimit() {
        return config.jobTimeLimit();
    }
}
