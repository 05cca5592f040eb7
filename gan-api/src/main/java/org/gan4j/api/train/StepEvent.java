package org.gan4j.api.train;

/**
 * One finished step.
 *
 * @param step the step number, from 1
 * @param totalSteps steps in the run
 * @param epoch the epoch the step belongs to, from 1
 * @param discriminatorLoss the last discriminator update's loss
 * @param generatorLoss the generator update's loss
 */
public record StepEvent(
        long step, long totalSteps, int epoch, double discriminatorLoss, double generatorLoss) {}
