package org.gan4j.api.train;

/**
 * One finished step.
 *
 * @param step the step number, from 1
 * @param totalSteps steps in the run
 * @param epoch the epoch the step belongs to, from 1
 * @param discriminatorLoss the last discriminator update's loss
 * @param generatorLoss the generator update's loss
 * @param diagnostics the step's measured game figures, or null on steps the trainer does not
 *     measure
 */
public record StepEvent(
        long step,
        long totalSteps,
        int epoch,
        double discriminatorLoss,
        double generatorLoss,
        StepDiagnostics diagnostics) {

    /**
     * A step without diagnostics.
     *
     * @param step the step number, from 1
     * @param totalSteps steps in the run
     * @param epoch the epoch the step belongs to, from 1
     * @param discriminatorLoss the last discriminator update's loss
     * @param generatorLoss the generator update's loss
     */
    public StepEvent(long step, long totalSteps, int epoch, double discriminatorLoss, double generatorLoss) {
        this(step, totalSteps, epoch, discriminatorLoss, generatorLoss, null);
    }
}
