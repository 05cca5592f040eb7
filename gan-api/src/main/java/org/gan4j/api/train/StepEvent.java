package org.gan4j.api.train;

import java.util.Map;

/**
 * One finished step.
 *
 * @param step the step number, from 1
 * @param totalSteps steps in the run
 * @param epoch the epoch the step belongs to, from 1
 * @param losses the loss of each update the step reported, by update name, in the game's update
 *     order (the adversarial game's {@code d}: its last discriminator update; {@code g})
 * @param diagnostics the step's measured game figures, or null on steps the trainer does not
 *     measure
 */
public record StepEvent(long step, long totalSteps, int epoch, Map<String, Double> losses, StepDiagnostics diagnostics) {

    /** Copies the losses, keeping their order. */
    public StepEvent {
        losses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(losses));
    }

    /**
     * One update's loss.
     *
     * @param update the update's name
     * @return its loss, or NaN if the step did not report it
     */
    public double loss(String update) {
        return losses.getOrDefault(update, Double.NaN);
    }
}
