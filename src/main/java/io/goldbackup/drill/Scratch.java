package io.goldbackup.drill;

/**
 * The scratch tables of one drill, in the service's own schema (which its role owns: no right on the database or on
 * the game's schema is needed): {@code gold_backup_drill_<id>_mining} and {@code _players}, shaped like the game's
 * {@code gold_mining} and {@code players}, and for an off-site drill {@code _rows}, the copy's rows. Names are made
 * from the drill's id, never from input.
 */
record Scratch(long drillId) {

    /** Matches every scratch table; group 1 is the drill's id. */
    static final String CATALOG_PATTERN = "^gold_backup_drill_([0-9]+)_(mining|players|rows)$";

    String mining() {
        return prefix() + "mining";
    }

    String players() {
        return prefix() + "players";
    }

    String rows() {
        return prefix() + "rows";
    }

    private String prefix() {
        return "gold_backup_drill_" + drillId + "_";
    }
}
