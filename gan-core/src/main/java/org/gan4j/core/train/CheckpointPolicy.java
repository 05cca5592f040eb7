package org.gan4j.core.train;

import java.util.Optional;
import java.util.function.Supplier;
import org.gan4j.api.eval.Ranking;
import org.gan4j.core.run.Checkpoints;

/**
 * When a run writes checkpoints: at the end of every epoch, or every {@code checkpointEvery}
 * steps, and always at the run's end; and which one is the best, by the main metric the
 * evaluation names (its ranking), kept as {@code checkpoints/best}.
 */
final class CheckpointPolicy {

    private final long every;

    /**
     * Creates the policy.
     *
     * @param every write a checkpoint every this many steps, or 0 for one at each epoch's end
     */
    CheckpointPolicy(long every) {
        this.every = every;
    }

    /**
     * Whether to write a checkpoint after a step that does not end an epoch.
     *
     * @param step the step just trained
     * @return whether it is due
     */
    boolean dueWithinEpoch(long step) {
        return every > 0 && step % every == 0;
    }

    /**
     * Whether to write a checkpoint at an epoch's end (after its evaluation, so that a resume from
     * it starts the next epoch).
     *
     * @param step the epoch's last step
     * @param totalSteps the run's length
     * @return whether it is due
     */
    boolean dueAtEpochEnd(long step, long totalSteps) {
        return every == 0 || step % every == 0 || step == totalSteps;
    }

    /**
     * Makes this epoch's checkpoint the best one when its ranking beats the best so far.
     *
     * @param ranking the epoch's ranking by the main metric, if the evaluation names one
     * @param checkpoints the run's checkpoints
     * @param written the checkpoint written at this epoch's end, or null
     * @param write writes one now, when none was written at this epoch's end
     */
    void keepIfBest(Optional<Ranking> ranking, Checkpoints checkpoints, Checkpoints.Checkpoint written,
            Supplier<Checkpoints.Checkpoint> write) {
        if (ranking.isEmpty()) {
            return;
        }
        Ranking r = ranking.get();
        if (!Double.isFinite(r.score()) || checkpoints.bestScore().map(best -> r.score() <= best).orElse(false)) {
            return;
        }
        Checkpoints.Checkpoint c = written != null ? written : write.get();
        checkpoints.markBest(c, r.metric(), r.value(), r.score());
    }
}
