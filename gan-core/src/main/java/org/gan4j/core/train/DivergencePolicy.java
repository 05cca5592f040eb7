package org.gan4j.core.train;

import java.util.Optional;
import java.util.List;
import org.gan4j.api.GanException;
import org.gan4j.api.Remedy;
import org.gan4j.api.SettingChange;
import org.gan4j.core.game.Diverged;
import org.gan4j.core.run.Checkpoints;

/**
 * What a NaN or infinite loss or weight does to a run: {@code stop} it, or {@code rollback} to the
 * last checkpoint with every learning rate halved, up to {@value #MAX_ROLLBACKS} times.
 */
final class DivergencePolicy {

    /** Rollbacks a run with {@code onDivergence = rollback} makes before it gives up. */
    static final int MAX_ROLLBACKS = 3;

    private final boolean rollback;
    private int rollbacks;

    /**
     * Creates the policy.
     *
     * @param onDivergence the setting: stop or rollback
     */
    DivergencePolicy(String onDivergence) {
        this.rollback = onDivergence.equals("rollback");
    }

    /**
     * Decides what follows a divergence.
     *
     * @param diverged what happened
     * @param last the newest whole checkpoint, if any
     * @return the checkpoint to roll back to
     * @throws GanException when the run stops: the trainer's message, the last good checkpoint and
     *     what to try
     */
    Checkpoints.Checkpoint decide(Diverged diverged, Optional<Checkpoints.Checkpoint> last) {
        if (rollback && rollbacks < MAX_ROLLBACKS && last.isPresent()) {
            rollbacks++;
            return last.get();
        }
        String problem = diverged.getMessage() + "; " + (last.isEmpty()
                ? "no checkpoint was written before it"
                : "the last good checkpoint is " + last.get().dir() + " (step " + last.get().state().step() + ")");
        if (rollback && last.isPresent()) {
            throw new GanException(problem + "; gave up after " + rollbacks + " rollbacks", diverged);
        }
        throw new GanException(problem, new Remedy("lower the learning rates ({0}), try another loss, or train with {1}",
                List.of(List.of(SettingChange.of("generatorOptimizer.learningRate"),
                                SettingChange.of("discriminatorOptimizer.learningRate")),
                        List.of(SettingChange.to("onDivergence", "rollback")))), diverged);
    }

    /** @return the rollbacks made so far */
    int rollbacks() {
        return rollbacks;
    }
}
