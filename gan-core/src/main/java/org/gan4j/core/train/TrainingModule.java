package org.gan4j.core.train;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.gan4j.api.eval.Evaluation;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.core.config.RunSettings;
import org.gan4j.core.health.DiagnosisJsonlWriter;
import org.gan4j.core.health.HealthCsvWriter;
import org.gan4j.core.metrics.MetricsCsvWriter;
import org.gan4j.core.plot.ImageGridWriter;
import org.gan4j.core.plot.ScatterPlotWriter;
import org.gan4j.core.report.ReportWriter;
import org.gan4j.core.run.RunDirectory;

/**
 * Guice wiring of a training run: the resolved settings, the run directory, the trainer, and the
 * listeners every run has (metrics file, sample plots and image grids, the SLF4J log of {@link
 * TrainLog}, the health monitor's {@code health.csv} and {@code diagnosis.jsonl}, and {@code
 * report.html}). Other modules add listeners of their own with {@link
 * #listeners(com.google.inject.Binder)} and evaluations with {@link
 * #evaluations(com.google.inject.Binder)}; a Guice application installs this module in its own
 * injector.
 */
public final class TrainingModule extends AbstractModule {

    private final RunSettings settings;
    private final RunDirectory run;

    /**
     * Creates the module.
     *
     * @param settings what to train, resolved against the plugins
     * @param run where the run's files go
     */
    public TrainingModule(RunSettings settings, RunDirectory run) {
        this.settings = settings;
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

    /**
     * The set of evaluations run every epoch, to which any module can add (the command line adds
     * gan-eval's).
     *
     * @param binder the module's binder
     * @return the multibinder
     */
    public static Multibinder<Evaluation> evaluations(com.google.inject.Binder binder) {
        return Multibinder.newSetBinder(binder, Evaluation.class);
    }

    @Override
    protected void configure() {
        bind(RunSettings.class).toInstance(settings);
        bind(RunDirectory.class).toInstance(run);
        evaluations(binder());
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
