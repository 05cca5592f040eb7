package org.gan4j.api.train;

import java.nio.file.Path;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.model.ModelSpec;

/**
 * What a run is about to do.
 *
 * @param config the resolved configuration
 * @param spec the model spec built from the config and the dataset
 * @param runDir the run directory
 * @param totalSteps steps the run will take
 * @param totalEpochs epochs the run will take (the last may be partial when training by steps)
 * @param startStep the steps already done: 0 for a new run, the checkpoint's step when resuming
 * @param stepsPerEpoch steps in one full epoch
 */
public record TrainingStart(
        TrainConfig config,
        ModelSpec spec,
        Path runDir,
        long totalSteps,
        int totalEpochs,
        long stepsPerEpoch,
        long startStep) {}
