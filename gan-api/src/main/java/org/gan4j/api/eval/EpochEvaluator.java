package org.gan4j.api.eval;

import java.util.Map;
import java.util.Optional;
import org.gan4j.api.train.EvaluationSamples;

/**
 * Measures a run's product at the end of each epoch, from the samples it generated from noise
 * fixed for the run. Opened once a run by an {@link Evaluation}; the trainer closes it.
 */
public interface EpochEvaluator extends AutoCloseable {

    /**
     * The epoch's metrics.
     *
     * @param samples the epoch's evaluation samples, in the dataset's own units
     * @param epoch the epoch, from 1
     * @param totalEpochs the run's epochs
     * @param step the step at the epoch's end
     * @return metrics by name, in a stable order (the same names every epoch)
     */
    Map<String, Double> evaluate(EvaluationSamples samples, int epoch, int totalEpochs, long step);

    /**
     * The run's main metric in an epoch's metrics, by which the trainer keeps its best checkpoint.
     *
     * @param metrics the epoch's metrics (every evaluator's)
     * @return the ranking, or empty when these metrics have no main metric (the default)
     */
    default Optional<Ranking> rank(Map<String, Double> metrics) {
        return Optional.empty();
    }

    /** Releases what the evaluator holds (a classifier's arrays); the default holds nothing. */
    @Override
    default void close() {}
}
