package org.gan4j.api.train;

import java.util.Map;

/**
 * One finished epoch.
 *
 * @param epoch the epoch number, from 1
 * @param totalEpochs epochs in the run
 * @param step the last step of the epoch
 * @param meanLosses each reported update's loss averaged over the epoch's steps, by update name,
 *     in the game's update order
 * @param metrics evaluation metrics by name, in a stable order
 * @param samples the samples the metrics were computed on
 */
public record EpochEvent(
        int epoch,
        int totalEpochs,
        long step,
        Map<String, Double> meanLosses,
        Map<String, Double> metrics,
        EvaluationSamples samples) {

    /** Copies the losses, keeping their order. */
    public EpochEvent {
        meanLosses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(meanLosses));
    }

    /**
     * One update's mean loss.
     *
     * @param update the update's name
     * @return its mean over the epoch, or NaN
     */
    public double meanLoss(String update) {
        return meanLosses.getOrDefault(update, Double.NaN);
    }
}
