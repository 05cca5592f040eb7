package org.gan4j.eval;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.gan4j.api.eval.Evaluation;

/**
 * Guice wiring of gan4j's evaluation during training: adds {@link StandardEvaluation} to the
 * evaluations of gan-core's {@code TrainingModule}.
 */
public final class EvaluationModule extends AbstractModule {

    /** Creates the module. */
    public EvaluationModule() {}

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Evaluation.class).addBinding().to(StandardEvaluation.class);
    }
}
