package org.gan4j.api.loss;

import ai.djl.ndarray.NDArray;

/**
 * The two objectives of an adversarial game, in terms of the discriminator's raw scores (logits).
 * Both return a scalar to be minimized. Implementations must be pure functions of their inputs,
 * built from differentiable NDArray operations, so that gradients flow back through them.
 */
public interface AdversarialLoss {

    /**
     * The discriminator's loss.
     *
     * @param realScores scores of real samples, [N] or [N, 1]
     * @param fakeScores scores of generated samples, [M] or [M, 1]
     * @return a scalar
     */
    NDArray discriminatorLoss(NDArray realScores, NDArray fakeScores);

    /**
     * The generator's loss.
     *
     * @param fakeScores scores of generated samples, [M] or [M, 1]
     * @return a scalar
     */
    NDArray generatorLoss(NDArray fakeScores);
}
