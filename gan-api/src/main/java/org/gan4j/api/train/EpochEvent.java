package org.gan4j.api.train;

import java.util.Map;

/**
 * One finished epoch.
 *
 * @param epoch the epoch number, from 1
 * @param totalEpochs epochs in the run
 * @param step the last step of the epoch
 * @param meanDiscriminatorLoss the discriminator's loss averaged over the epoch's steps
 * @param meanGeneratorLoss the generator's loss averaged over the epoch's steps
 * @param metrics evaluation metrics by name, in a stable order (see {@code gan-core}'s
 *     metrics for the names)
 * @param samples the samples the metrics were computed on
 */
public record EpochEvent(
        int epoch,
        int totalEpochs,
        long step,
        double meanDiscriminatorLoss,
        double meanGeneratorLoss,
        Map<String, Double> metrics,
        EvaluationSamples samples) {}
