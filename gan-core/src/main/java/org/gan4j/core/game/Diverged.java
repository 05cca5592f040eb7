package org.gan4j.core.game;

import org.gan4j.api.GanException;

/**
 * A NaN or infinite loss or weight: the step is abandoned, and the trainer's divergence policy
 * decides what follows (stop, or roll back to the last checkpoint).
 */
public final class Diverged extends GanException {
    private static final long serialVersionUID = 1L;

    private final long step;

    /**
     * Creates the exception.
     *
     * @param message one line: where and what, e.g. "training diverged at step 812: the
     *     discriminator loss is NaN"
     * @param step the step at which it happened
     */
    public Diverged(String message, long step) {
        super(message);
        this.step = step;
    }

    /** @return the step at which training diverged */
    public long step() {
        return step;
    }
}
