package org.gan4j.core.train;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.core.health.DiagnosisJsonlWriter;
import org.gan4j.core.health.HealthCsvWriter;
import org.gan4j.core.metrics.MetricsCsvWriter;
import org.gan4j.core.plot.ImageGridWriter;
import org.gan4j.core.plot.ScatterPlotWriter;
import org.gan4j.core.report.ReportWriter;
import org.gan4j.core.run.RunDirectory;

/**
 * Guice wiring of a training run: the config, the plugin catalog, the run directory, the
 * trainer, and the listeners every run has (metrics file, sample plots and image grids, the SLF4J
 * log of {@link TrainLog}, the health monitor's {@code health.csv} and {@code diagnosis.jsonl},
 * and {@code report.html}). Other modules add
 * listeners of their own with {@link #listeners(com.google.inject.Binder)}.
 */
public final class TrainingModule extends AbstractModule {

    private final TrainConfig config;
    private final PluginCatalog plugins;
    private final RunDirectory run;

    /**
     * Creates the module.
     *
     * @param config what to train
     * @param plugins the plugins to draw from
     * @param run where the run's files go
     */
    public TrainingModule(TrainConfig config, PluginCatalog plugins, RunDirectory run) {
        this.config = config;
        this.plugins = plugins;
        this.run = run;
    }

    /**
     * The set of training listeners, to which any module can add.
     *
     * @param binder the module's binder
     * @return the multibinder
     */
    public static Multibinder<TrainingListener> listeners(com.google.inject.Binder binder) {
        return Multibinder.newSetBinder(binder, TrainingListener.class);
    }

    @Override
    protected void configure() {
        bind(TrainConfig.class).toInstance(config);
        bind(PluginCatalog.class).toInstance(plugins);
        bind(RunDirectory.class).toInstance(run);
        bind(GanTrainer.class);
        Multibinder<TrainingListener> listeners = listeners(binder());
        listeners.addBinding().to(MetricsCsvWriter.class);
        listeners.addBinding().to(ScatterPlotWriter.class);
        listeners.addBinding().to(ImageGridWriter.class);
        listeners.addBinding().to(TrainLog.class);
        listeners.addBinding().to(HealthCsvWriter.class);
        listeners.addBinding().to(DiagnosisJsonlWriter.class);
        // After the files it reads (metrics.csv, health.csv, the sample grids), so each epoch's page shows that epoch.
        listeners.addBinding().to(ReportWriter.class);
    }
}
