package org.gan4j.core.health;

/**
 * Makes a detector report a problem once per episode: when its condition first holds, not at every
 * check while it lasts. The episode ends when the condition has failed {@code clearAfter} checks in
 * a row (one healthy-looking check inside a long problem does not end it), and a later return of
 * the condition is a new episode.
 */
final class Episode {
    private final int clearAfter;
    private boolean active;
    private int clear;

    Episode(int clearAfter) {
        this.clearAfter = clearAfter;
    }

    /**
     * Records a check.
     *
     * @param condition whether the problem shows at this check
     * @return true when this check starts an episode
     */
    boolean starts(boolean condition) {
        if (condition) {
            clear = 0;
            if (!active) {
                active = true;
                return true;
            }
            return false;
        }
        if (active && ++clear >= clearAfter) {
            active = false;
        }
        return false;
    }

    boolean active() {
        return active;
    }
}
