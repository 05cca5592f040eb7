package org.gan4j.api.regularize;

import ai.djl.ndarray.NDArray;

/**
 * Changes how the discriminator is trained, in either or both of two ways: by transforming its
 * inputs (instance noise) and by adding a penalty to its loss (gradient penalties, weight decay).
 */
public interface Regularizer {

    /**
     * Transforms a batch before the discriminator scores it, in discriminator and generator
     * updates alike, for real and generated samples alike.
     *
     * @param x the samples
     * @param context where training is
     * @return the samples to score; {@code x} itself by default
     */
    default NDArray discriminatorInput(NDArray x, RegularizerContext context) {
        return x;
    }

    /**
     * A penalty added to the discriminator's loss in each discriminator update. Built from
     * differentiable operations inside the update's gradient recording, so that its gradient
     * with respect to the discriminator's weights flows into the update.
     *
     * @param context the update's batches, scores and helpers
     * @return a scalar, or null for no penalty (the default)
     */
    default NDArray discriminatorPenalty(RegularizerContext context) {
        return null;
    }
}
