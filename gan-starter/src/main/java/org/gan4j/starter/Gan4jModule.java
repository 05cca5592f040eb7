package org.gan4j.starter;

import com.google.inject.AbstractModule;
import org.gan4j.core.config.RunSettings;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.train.TrainingModule;
import org.gan4j.eval.EvaluationModule;
import org.gan4j.report.ReportModule;

/**
 * Guice wiring of a whole gan4j run, as the {@code gan} command makes it: the trainer and the
 * run's files ({@link TrainingModule}), gan4j's evaluation every epoch ({@link EvaluationModule})
 * and the report with its sample pictures ({@link ReportModule}). Install it in an injector of
 * one's own and add listeners with {@link TrainingModule#listeners(com.google.inject.Binder)}.
 */
public final class Gan4jModule extends AbstractModule {

    private final RunSettings settings;
    private final RunDirectory run;

    /**
     * Creates the module.
     *
     * @param settings the run's resolved settings
     * @param run its directory
     */
    public Gan4jModule(RunSettings settings, RunDirectory run) {
        this.settings = settings;
        this.run = run;
    }

    @Override
    protected void configure() {
        install(new TrainingModule(settings, run));
        install(new EvaluationModule());
        install(new ReportModule(run));
    }
}
