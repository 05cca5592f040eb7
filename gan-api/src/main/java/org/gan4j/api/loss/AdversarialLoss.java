package org.gan4j.api.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.OptionalDouble;
import org.gan4j.api.regularize.Regularizer;

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

    /**
     * Whether {@link #generatorLoss(NDArray, NDArray)} needs the scores of real samples, as the
     * relativistic losses do. The training loop then scores a real batch in the generator update
     * too (with the discriminator held fixed).
     *
     * @return false by default
     */
    default boolean generatorUsesRealScores() {
        return false;
    }

    /**
     * The generator's loss for losses that compare fakes with reals.
     *
     * @param fakeScores scores of generated samples
     * @param realScores scores of real samples, or null when {@link #generatorUsesRealScores()}
     *     is false
     * @return a scalar; by default {@link #generatorLoss(NDArray)}
     */
    default NDArray generatorLoss(NDArray fakeScores, NDArray realScores) {
        return generatorLoss(fakeScores);
    }

    /**
     * A constraint applied to the discriminator's parameters after each of its updates, such as
     * the weight clipping of the original WGAN. Runs outside gradient recording; changes the
     * arrays in place.
     *
     * @param parameters the discriminator's parameters
     */
    default void constrainDiscriminator(List<Parameter> parameters) {}

    /**
     * Regularizers that are part of this loss's definition, e.g. the gradient penalty of
     * WGAN-GP. They run alongside the ones the user configures.
     *
     * @return an empty list by default
     */
    default List<Regularizer> builtInRegularizers() {
        return List.of();
    }

    /**
     * Discriminator updates per generator update that this loss is meant to be trained with
     * (5 for the Wasserstein critic), used when the config leaves {@code discriminatorSteps} at
     * 0.
     *
     * @return 1 by default
     */
    default int preferredDiscriminatorSteps() {
        return 1;
    }

    /**
     * The discriminator score above which a sample counts as judged real, for the health
     * monitor's accuracy figures: 0 for losses on logits (sigmoid 0.5), the default; the midpoint
     * of the targets for losses with fixed targets (0.5 for least squares' 0 and 1). Losses whose
     * scores have no fixed scale (a Wasserstein critic, relativistic losses, which only compare
     * scores) return empty, and the monitor uses the midpoint of the batch's mean real and fake
     * scores instead.
     *
     * @return the threshold, or empty when the scores have no fixed decision point
     */
    default OptionalDouble decisionThreshold() {
        return OptionalDouble.of(0);
    }
}
