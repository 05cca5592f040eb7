package org.gan4j.core.train;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.gan4j.api.eval.Evaluation;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.core.config.RunSettings;
import org.gan4j.core.run.RunDirectory;

/**
 * Guice wiring of a training run: the resolved settings, the run directory, the trainer, and the
 * listeners that write the run's own files ({@link RunFiles}: metrics.csv, health.csv,
 * diagnosis.jsonl, the SLF4J log of {@link TrainLog}). Other modules add listeners of their own
 * with {@link #listeners(com.google.inject.Binder)} (gan-report's report and sample pictures, the
 * command line's console) and evaluations with {@link #evaluations(com.google.inject.Binder)}
 * (gan-eval's); a Guice application installs this module in its own injector.
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
        for (TrainingListener l : RunFiles.listeners(run)) {
            listeners.addBinding().toInstance(l);
        }
    }
}
