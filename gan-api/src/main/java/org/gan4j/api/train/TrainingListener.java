package org.gan4j.api.train;

/**
 * Observes a training run: progress output, metric files, plots, diagnoses. Registered with the
 * trainer (its builder, or Guice's multibinder in gan-core). Callbacks run on the training thread, in
 * order, so they should be quick; a listener that throws stops the run.
 */
public interface TrainingListener {

    /**
     * Called with a one-line note about set-up work that takes a while before training starts,
     * e.g. training the evaluation classifier.
     *
     * @param message the note, for people
     */
    default void onMessage(String message) {}

    /**
     * Called once before the first step.
     *
     * @param start the run's configuration and size
     */
    default void onStart(TrainingStart start) {}

    /**
     * Called after every step (all discriminator updates and one generator update).
     *
     * @param step the step's losses
     */
    default void onStep(StepEvent step) {}

    /**
     * Called after every epoch, with the epoch's metrics and evaluation samples.
     *
     * @param epoch the epoch's summary
     */
    default void onEpoch(EpochEvent epoch) {}

    /**
     * Called when the health monitor detects a training problem (once when it starts, not at
     * every step it lasts), right after the step or epoch that showed it.
     *
     * @param diagnosis the problem, its evidence and its remedies
     */
    default void onDiagnosis(Diagnosis diagnosis) {}

    /**
     * Called when training meets a NaN or infinite loss or weight, before the run stops or rolls
     * back to its last checkpoint. After a rollback, steps from the checkpoint's on are trained
     * (and reported) again.
     *
     * @param divergence where it happened and what happens next
     */
    default void onDivergence(DivergenceEvent divergence) {}

    /**
     * Called once after the last step, when training succeeded.
     *
     * @param summary the run's final figures
     */
    default void onEnd(TrainingSummary summary) {}
}
