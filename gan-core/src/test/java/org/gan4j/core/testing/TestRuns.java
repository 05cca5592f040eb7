package org.gan4j.core.testing;

import com.google.inject.Guice;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.eval.Evaluation;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingSummary;
import org.gan4j.core.config.RunSettings;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.train.GanTrainer;
import org.gan4j.core.train.TrainedGan;
import org.gan4j.core.train.TrainingModule;

/** Trains runs wired by Guice as the command line wires them (the run's files), for tests. */
public final class TestRuns {

    private TestRuns() {}

    /**
     * Trains a new run in a new directory, without evaluation.
     *
     * @param config what to train
     * @param plugins the plugins
     * @param dir the run directory, which must not exist or be empty
     * @param extra listeners after the module's own
     * @return the run's figures
     */
    public static TrainingSummary train(TrainConfig config, PluginCatalog plugins, Path dir, TrainingListener... extra) {
        return train(config, plugins, dir, List.of(), extra);
    }

    /**
     * Trains a new run in a new directory.
     *
     * @param config what to train
     * @param plugins the plugins
     * @param dir the run directory, which must not exist or be empty
     * @param evaluations what to measure each epoch
     * @param extra listeners after the module's own
     * @return the run's figures
     */
    public static TrainingSummary train(TrainConfig config, PluginCatalog plugins, Path dir, List<Evaluation> evaluations,
            TrainingListener... extra) {
        try (TrainedGan gan = trainer(config, plugins, RunDirectory.create(dir, false), evaluations, extra).train()) {
            return gan.summary();
        }
    }

    /**
     * The trainer the command line would make, without evaluation.
     *
     * @param config what to train
     * @param plugins the plugins
     * @param run the run directory
     * @param extra listeners after the module's own
     * @return the trainer
     */
    public static GanTrainer trainer(TrainConfig config, PluginCatalog plugins, RunDirectory run, TrainingListener... extra) {
        return trainer(config, plugins, run, List.of(), extra);
    }

    /**
     * The trainer the command line would make.
     *
     * @param config what to train
     * @param plugins the plugins
     * @param run the run directory
     * @param evaluations what to measure each epoch
     * @param extra listeners after the module's own
     * @return the trainer
     */
    public static GanTrainer trainer(TrainConfig config, PluginCatalog plugins, RunDirectory run,
            List<Evaluation> evaluations, TrainingListener... extra) {
        return Guice.createInjector(new TrainingModule(RunSettings.resolve(config, plugins), run), binder -> {
            for (Evaluation e : evaluations) {
                TrainingModule.evaluations(binder).addBinding().toInstance(e);
            }
            for (TrainingListener l : extra) {
                TrainingModule.listeners(binder).addBinding().toInstance(l);
            }
        }).getInstance(GanTrainer.class);
    }
}
