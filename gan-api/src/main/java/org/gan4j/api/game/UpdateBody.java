package org.gan4j.api.game;

/** The body of one update: the forward passes and the loss, run while gradients are recorded. */
@FunctionalInterface
public interface UpdateBody {

    /**
     * Computes the update's loss from differentiable calls: networks through {@link
     * StepContext#forward}, losses and regularizers from their plugins, plain NDArray operations.
     *
     * @return the loss, and the scores for a discriminator's update
     */
    UpdateLoss compute();
}
