package org.gan4j.api.train;

/**
 * Training met a NaN or infinite loss or weight, and what happens next.
 *
 * @param step the step at which it happened
 * @param epoch that step's epoch
 * @param message the trainer's one-line account, e.g. "training diverged at step 812: the
 *     discriminator loss is NaN"
 * @param rollbackStep the step of the checkpoint training returns to (with its learning rates
 *     halved), or -1 when the run stops
 */
public record DivergenceEvent(long step, int epoch, String message, long rollbackStep) {

    /** @return whether training goes on from an earlier checkpoint */
    public boolean rolledBack() {
        return rollbackStep >= 0;
    }
}
