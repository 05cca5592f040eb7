package org.gan4j.report;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.core.run.RunDirectory;

/**
 * Guice wiring of a run's presentation: adds {@link ReportListeners} (the per-epoch sample
 * pictures and report.html) to the training listeners of gan-core's {@code TrainingModule}, after
 * the run-file listeners whose files the report reads.
 */
public final class ReportModule extends AbstractModule {

    private final RunDirectory run;

    /**
     * Creates the module.
     *
     * @param run the run directory the pictures and report go in
     */
    public ReportModule(RunDirectory run) {
        this.run = run;
    }

    @Override
    protected void configure() {
        Multibinder<TrainingListener> listeners = Multibinder.newSetBinder(binder(), TrainingListener.class);
        for (TrainingListener l : ReportListeners.of(run)) {
            listeners.addBinding().toInstance(l);
        }
    }
}
