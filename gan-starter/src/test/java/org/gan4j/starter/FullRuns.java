package org.gan4j.starter;

import com.google.inject.Guice;
import java.nio.file.Path;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingSummary;
import org.gan4j.core.config.RunSettings;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.train.GanTrainer;
import org.gan4j.core.train.TrainedGan;
import org.gan4j.core.train.TrainingModule;

/** Whole runs wired as the command line wires them ({@link Gan4jModule}), for tests. */
final class FullRuns {

    private FullRuns() {}

    static TrainingSummary train(TrainConfig config, PluginCatalog plugins, Path dir, TrainingListener... extra) {
        try (TrainedGan gan = trainer(config, plugins, RunDirectory.create(dir, false), extra).train()) {
            return gan.summary();
        }
    }

    static GanTrainer trainer(TrainConfig config, PluginCatalog plugins, RunDirectory run, TrainingListener... extra) {
        return Guice.createInjector(new Gan4jModule(RunSettings.resolve(config, plugins), run), binder -> {
            for (TrainingListener l : extra) {
                TrainingModule.listeners(binder).addBinding().toInstance(l);
            }
        }).getInstance(GanTrainer.class);
    }
}
