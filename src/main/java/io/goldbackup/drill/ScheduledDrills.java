package io.goldbackup.drill;

import java.time.LocalDate;
import java.util.List;

/**
 * The drills of one scheduled slot (a UTC day), as they ended.
 *
 * @param slot the UTC day of the run
 * @param drills the newest completed backup's drill, and the oldest kept backup's when the month had none yet; empty
 *        when there is no completed backup
 */
public record ScheduledDrills(LocalDate slot, List<Drill> drills) {

    /** The drill of the newest completed backup. */
    public static final String NEWEST = "newest";
    /** The monthly drill of the oldest backup still kept. */
    public static final String OLDEST = "oldest";

    /** The drills that did not pass. */
    public List<Drill> failed() {
        return drills.stream().filter(d -> !d.passed()).toList();
    }
}
