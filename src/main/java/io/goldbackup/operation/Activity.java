package io.goldbackup.operation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What runs now and what ended last, of every kind of operation, whoever started it (the API, the scheduler, a
 * CronJob, another admin): the console's status board and its "running now" strip read it.
 */
@ApplicationScoped
public class Activity {

    private final ActivityRepository repository;

    Activity(ActivityRepository repository) {
        this.repository = repository;
    }

    /** The operations running now, oldest first, at most {@code limit}. */
    public List<ActivityItem> running(int limit) {
        return repository.running(limit);
    }

    /** The operations that ended last, newest first, at most {@code limit}. */
    public List<ActivityItem> latest(int limit) {
        return repository.latest(limit);
    }
}
