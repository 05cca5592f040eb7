package org.gan4j.api.train;

import java.nio.file.Path;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.game.GameInfo;
import org.gan4j.api.model.ModelSpec;

/**
 * What a run is about to do.
 *
 * @param config the resolved configuration
 * @param spec the product's spec: its latent size, output shape and classes
 * @param runDir the run directory, or null for a run kept in memory
 * @param totalSteps steps the run will take
 * @param totalEpochs epochs the run will take (the last may be partial when training by steps)
 * @param stepsPerEpoch steps in one full epoch
 * @param startStep the steps already done: 0 for a new run, the checkpoint's step when resuming
 * @param game what the game declared: its updates, pairs and product
 */
public record TrainingStart(
        TrainConfig config,
        ModelSpec spec,
        Path runDir,
        long totalSteps,
        int totalEpochs,
        long stepsPerEpoch,
        long startStep,
        GameInfo game) {}
