package org.gan4j.api.eval;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.model.ModelSpec;

/**
 * What an evaluation is opened for.
 *
 * @param config the run's resolved settings
 * @param dataset the run's dataset plugin, e.g. to open its reference split
 * @param data the opened training dataset
 * @param spec the product's spec (latent size, output shape, classes)
 * @param runDir the run directory, or null for a run kept in memory
 * @param manager where to keep arrays (a classifier's weights) until the run ends
 * @param messages takes one-line notes about slow set-up work, for the user
 */
public record EvaluationSetup(
        TrainConfig config,
        DatasetProvider dataset,
        GanDataset data,
        ModelSpec spec,
        Path runDir,
        NDManager manager,
        Consumer<String> messages) {}
