package org.gan4j.core.train;

import org.gan4j.api.ConfigException;

/**
 * How every optimizer's learning rate changes over a run, as a factor of its configured rate at
 * each step. The trainer multiplies it by the rollback factor (halved at each rollback).
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The configured rates throughout. */
    LearningRateSchedule CONSTANT = (step, totalSteps) -> 1.0;

    /**
     * Linear decay to zero over the run: step s of T trains at (T - s + 1) / T of the rate, the
     * last at 1 / T. Lets the generator settle precisely on the data at the end.
     */
    LearningRateSchedule LINEAR = (step, totalSteps) -> (double) (totalSteps - step + 1) / totalSteps;

    /**
     * The factor at a step.
     *
     * @param step the step, from 1
     * @param totalSteps the run's length
     * @return the factor, in [0, 1]
     */
    double factor(long step, long totalSteps);

    /**
     * A schedule by the name the settings give it.
     *
     * @param name {@code constant} or {@code linear}
     * @return the schedule
     * @throws ConfigException for another name
     */
    static LearningRateSchedule named(String name) {
        return switch (name) {
            case "constant" -> CONSTANT;
            case "linear" -> LINEAR;
            default -> throw new ConfigException("learningRateSchedule must be constant or linear, got '" + name + "'");
        };
    }
}
