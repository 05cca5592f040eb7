package org.gan4j.starter;

import org.gan4j.api.config.TrainConfig;
import org.gan4j.core.config.RunSettings;
import org.gan4j.core.config.Settings;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.train.GanTrainer;
import org.gan4j.eval.StandardEvaluation;
import org.gan4j.report.ReportListeners;

/**
 * gan4j with everything in one place: the built-in plugins, the CPU engine, gan4j's evaluation
 * and, with a run directory, the run's files and report. The way in for an application that
 * depends on {@code org.gan4j:gan-starter} alone.
 *
 * <pre>{@code
 * RunSettings settings = Gan4j.settings().set("model", "dcgan").set("dataset", "shapes")
 *         .set("steps", 300).resolve(Gan4j.plugins());
 * try (TrainedGan gan = Gan4j.trainer(settings).build().train()) {
 *     System.out.println(gan.metrics());
 *     gan.exportOnnx(Path.of("generator.onnx"));
 * }
 * }</pre>
 */
public final class Gan4j {

    private Gan4j() {}

    /** @return gan4j's default settings, to override (see {@link Settings}) */
    public static Settings settings() {
        return Settings.defaults();
    }

    /** @return the plugins on the class path: the built-in ones and any others there */
    public static PluginCatalog plugins() {
        return PluginCatalog.load(Gan4j.class.getClassLoader());
    }

    /**
     * A trainer for settings, with gan4j's evaluation every epoch and nothing written to disk.
     *
     * @param settings the resolved settings
     * @return the builder, to add listeners to
     */
    public static GanTrainer.Builder trainer(RunSettings settings) {
        return GanTrainer.builder(settings).evaluation(new StandardEvaluation());
    }

    /**
     * A trainer for settings, with gan4j's evaluation and the run's files, report and sample
     * pictures in a run directory.
     *
     * @param settings the resolved settings
     * @param run the run directory
     * @return the builder, to add listeners to
     */
    public static GanTrainer.Builder trainer(RunSettings settings, RunDirectory run) {
        GanTrainer.Builder b = trainer(settings).runDirectory(run);
        ReportListeners.of(run).forEach(b::listener);
        return b;
    }

    /**
     * A trainer for a config, resolved against the plugins on the class path.
     *
     * @param config the settings
     * @return the builder
     */
    public static GanTrainer.Builder trainer(TrainConfig config) {
        return trainer(RunSettings.resolve(config, plugins()));
    }
}
