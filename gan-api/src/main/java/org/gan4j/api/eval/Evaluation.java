package org.gan4j.api.eval;

/**
 * A kind of evaluation a trainer runs every epoch (gan-eval's toy metrics, class accuracy,
 * diversity and feature metrics are one). Given to the trainer, which opens it once a run before
 * the networks are initialized.
 */
@FunctionalInterface
public interface Evaluation {

    /**
     * Opens the evaluation for a run; may do slow set-up (train a classifier), reported through
     * {@link EvaluationSetup#messages()}.
     *
     * @param setup the run
     * @return the evaluator; the trainer closes it when the run ends
     */
    EpochEvaluator open(EvaluationSetup setup);
}
